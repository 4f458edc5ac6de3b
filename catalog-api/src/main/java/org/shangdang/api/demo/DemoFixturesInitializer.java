package org.shangdang.api.demo;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.shangdang.fixtures.FixtureDocuments;
import org.shangdang.fixtures.FixtureLibraries;
import org.shangdang.fixtures.FixtureLibrary;
import org.shangdang.fixtures.FixtureSources;
import org.shangdang.fixtures.OperaDatabaseFixture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;

/**
 * In the {@code demo} profile, starts the fixture sources (an in-process WireMock standing in for the OAI-PMH,
 * SRU and availability endpoints of Changzhi's 13 libraries, the IIIF collection and the culture clouds) before the
 * application binds its configuration, and publishes their address as {@code shangdang.demo.fixtures-url} so
 * {@code application-demo.yml} can point the sources at it; once the context is refreshed, drops the file-drop
 * libraries' exports into their inboxes. It copies the fixture documents into {@code <data-dir>/demo-documents},
 * published as {@code shangdang.demo.documents-dir}. It also creates the opera/quyi database fixture in an embedded
 * in-memory H2 database of its own, seeded from {@code fixtures/opera/*.sql}, and publishes its JDBC URL as
 * {@code shangdang.demo.opera-db-url}; its media file links point at the fixture sources, which serve small tagged
 * recordings for them. The database is dropped when the context closes. The server stops with the
 * application context. Outside the demo profile it does nothing.
 */
public class DemoFixturesInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String FIXTURES_URL = "shangdang.demo.fixtures-url";
    public static final String OPERA_DB_URL = "shangdang.demo.opera-db-url";
    /** The directory the demo's documents source watches, holding the fixture documents. */
    public static final String DOCUMENTS_DIR = "shangdang.demo.documents-dir";
    private static final Logger log = LoggerFactory.getLogger(DemoFixturesInitializer.class);

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        if (!environment.acceptsProfiles(Profiles.of("demo"))) {
            return;
        }
        Map<String, Object> published = new HashMap<>();
        if (!environment.containsProperty(DOCUMENTS_DIR)) {
            // The documents source watches a directory: the fixture documents are copied there (unchanged ones left
            // alone, so a restart does not read them again).
            Path documents = Path.of(environment.getProperty("shangdang.data-dir", "./data"), "demo-documents");
            FixtureDocuments.copyTo(documents, FixtureDocuments.DEMO);
            published.put(DOCUMENTS_DIR, documents.toAbsolutePath().toString());
        }
        if (!environment.containsProperty(FIXTURES_URL)) {
            int port = environment.getProperty("shangdang.demo.fixtures-port", Integer.class, 0);
            FixtureSources fixtures = FixtureSources.start(port);
            String url = fixtures.baseUrl().toString().replaceAll("/$", "");
            published.put(FIXTURES_URL, url);
            context.addApplicationListener(event -> {
                if (event instanceof ContextRefreshedEvent) {
                    dropFixtureFiles(environment);
                } else if (event instanceof ContextClosedEvent) {
                    fixtures.stop();
                }
            });
            log.info("demo fixture sources serving at {}", url);
        }
        if (!published.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource("demoFixtures", published));
        }
        if (!environment.containsProperty(OPERA_DB_URL)) {
            // After the fixture sources: the seed's media files are served by them, at a port known only now.
            startOperaDatabase(context, URI.create(environment.getProperty(FIXTURES_URL) + "/media/"));
        }
    }

    /**
     * Drops each file-drop fixture library's export into the inbox its source is configured with (normally under
     * {@code ${shangdang.data-dir}/demo-drops/}), unless that inbox has it already, waiting or done. Runs once the
     * context is refreshed, when every property source (test ones included) is in place, and before the start-up
     * harvest, which runs when the application is ready.
     */
    private static void dropFixtureFiles(ConfigurableEnvironment environment) {
        Set<String> dropLibraries = Set.copyOf(FixtureLibraries.withProtocol(FixtureLibrary.FixtureProtocol.FILEDROP));
        for (int i = 0; environment.containsProperty("shangdang.sources[" + i + "].id"); i++) {
            String id = environment.getProperty("shangdang.sources[" + i + "].id");
            String inbox = environment.getProperty("shangdang.sources[" + i + "].filedrop.inbox");
            if (!dropLibraries.contains(id) || inbox == null || inbox.isBlank()) {
                continue;
            }
            Path dir = Path.of(inbox);
            String file = FixtureLibraries.get(id).dropFile().orElseThrow();
            String name = file.substring(file.lastIndexOf('/') + 1);
            if (Files.exists(dir.resolve(name)) || Files.exists(dir.resolve("done").resolve(name))) {
                continue;
            }
            log.info("demo: dropped {} into {}", FixtureLibraries.copyDropFile(id, dir).getFileName(), dir);
        }
    }

    private static void startOperaDatabase(ConfigurableApplicationContext context, URI mediaRoot) {
        // A name of its own per context: tests start several demo contexts in one JVM.
        String url = "jdbc:h2:mem:shangdang-demo-opera-" + UUID.randomUUID();
        Connection keepAlive;
        try {
            keepAlive = DriverManager.getConnection(url);
            OperaDatabaseFixture.load(keepAlive, mediaRoot);
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
