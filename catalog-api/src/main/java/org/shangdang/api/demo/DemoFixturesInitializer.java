package org.shangdang.api.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.shangdang.fixtures.FixtureSources;
import org.shangdang.fixtures.OperaDatabaseFixture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;

/**
 * In the {@code demo} profile, starts the fixture sources (an in-process WireMock standing in for 长治市图书馆
 * and 长子县图书馆) before the application binds its configuration, and publishes their address as
 * {@code shangdang.demo.fixtures-url} so {@code application-demo.yml} can point the sources at it.
 * The server stops with the application context. It also creates the opera/quyi database fixture in an
 * embedded in-memory H2 database of its own, seeded from {@code fixtures/opera/*.sql}, and publishes its JDBC
 * URL as {@code shangdang.demo.opera-db-url}; the database is dropped when the context closes. Outside the
 * demo profile it does nothing.
 */
public class DemoFixturesInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String FIXTURES_URL = "shangdang.demo.fixtures-url";
    public static final String OPERA_DB_URL = "shangdang.demo.opera-db-url";
    private static final Logger log = LoggerFactory.getLogger(DemoFixturesInitializer.class);

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        if (!environment.acceptsProfiles(Profiles.of("demo"))) {
            return;
        }
        if (!environment.containsProperty(OPERA_DB_URL)) {
            startOperaDatabase(context);
        }
        if (environment.containsProperty(FIXTURES_URL)) {
            return;
        }
        int port = environment.getProperty("shangdang.demo.fixtures-port", Integer.class, 0);
        FixtureSources fixtures = FixtureSources.start(port);
        String url = fixtures.baseUrl().toString().replaceAll("/$", "");
        environment.getPropertySources().addFirst(new MapPropertySource("demoFixtures", Map.of(FIXTURES_URL, url)));
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) {
                fixtures.stop();
            }
        });
        log.info("demo fixture sources serving at {}", url);
    }

    private static void startOperaDatabase(ConfigurableApplicationContext context) {
        // A name of its own per context: tests start several demo contexts in one JVM.
        String url = "jdbc:h2:mem:shangdang-demo-opera-" + UUID.randomUUID();
        Connection keepAlive;
        try {
            keepAlive = DriverManager.getConnection(url);
            OperaDatabaseFixture.load(keepAlive);
        } catch (SQLException e) {
            throw new IllegalStateException("demo: cannot create the opera/quyi database fixture at " + url + ": "
                    + e.getMessage(), e);
        }
        context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("demoOperaDatabase", Map.of(OPERA_DB_URL, url)));
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) {
                try {
                    // The last connection to an in-memory H2 database drops it.
                    keepAlive.close();
                } catch (SQLException e) {
                    log.warn("demo: cannot close the opera/quyi database fixture at {}: {}", url, e.getMessage());
                }
            }
        });
        log.info("demo opera/quyi database seeded at {}", url);
    }
}
