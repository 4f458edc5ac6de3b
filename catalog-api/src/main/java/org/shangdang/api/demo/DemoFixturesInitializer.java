package org.shangdang.api.demo;

import java.util.Map;
import org.shangdang.fixtures.FixtureSources;
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
 * The server stops with the application context. Outside the demo profile it does nothing.
 */
public class DemoFixturesInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String FIXTURES_URL = "shangdang.demo.fixtures-url";
    private static final Logger log = LoggerFactory.getLogger(DemoFixturesInitializer.class);

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        if (!environment.acceptsProfiles(Profiles.of("demo")) || environment.containsProperty(FIXTURES_URL)) {
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
}
