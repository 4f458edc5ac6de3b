package org.shangdang.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.shangdang.fixtures.FixtureScenario;
import org.shangdang.routes.HarvestJobs;
import org.shangdang.routes.store.HarvestMode;
import org.shangdang.routes.store.JobState;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real application on a random port with the demo's fixture sources (WireMock) harvested through the
 * routes into the record store, the Lucene index and the suggestions. Subclasses share one application
 * context (the same configuration), so the service starts once for the suggest, OpenAPI and browser tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PortalTestApp {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path dataDir = Files.createTempDirectory("shangdang-portal");
        registry.add("shangdang.data-dir", dataDir::toString);
        registry.add("shangdang.harvest.on-startup", () -> "false");
        registry.add("shangdang.harvest.retry.initial-delay", () -> "10ms");
    }

    @Autowired
    protected HarvestJobs jobs;

    @LocalServerPort
    protected int port;

    @BeforeAll
    void harvestBothFixtureSources() {
        assertThat(jobs.harvest(FixtureScenario.CHANGZHI_CITY, HarvestMode.FULL).state()).isEqualTo(JobState.COMPLETED);
        assertThat(jobs.harvest(FixtureScenario.ZHANGZI_COUNTY, HarvestMode.FULL).state()).isEqualTo(JobState.COMPLETED);
    }

    protected String base() {
        return "http://127.0.0.1:" + port;
    }
}
