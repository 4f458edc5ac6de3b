package org.shangdang.api.demo;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.shangdang.fixtures.FixtureDocuments;
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
 * {@code shangdang.demo.fixtures-url} so {@code application-demo.yml} can point the sources at it; copies the fixture
 * documents into {@code <data-dir>/demo-documents}, published as {@code shangdang.demo.documents-dir}.
 * The server stops with the application context. Outside the demo profile it does nothing.
 */
public class DemoFixturesInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String FIXTURES_URL = "shangdang.demo.fixtures-url";
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
                if (event instanceof ContextClosedEvent) {
                    fixtures.stop();
                }
            });
            log.info("demo fixture sources serving at {}", url);
        }
        if (!published.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource("demoFixtures", published));
        }
    }
}
