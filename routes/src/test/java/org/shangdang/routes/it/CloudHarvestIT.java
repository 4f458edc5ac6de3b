package org.shangdang.routes.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shangdang.fixtures.FixtureSources;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.ResourceKind;
import org.shangdang.routes.HarvestJobs;
import org.shangdang.routes.config.SecretLookup;
import org.shangdang.routes.store.Checkpoint;
import org.shangdang.routes.store.HarvestMode;
import org.shangdang.routes.store.JobState;
import org.shangdang.routes.store.JobStatus;
import org.shangdang.routes.store.RecordStore;
import org.shangdang.routes.store.Reject;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Harvests of both culture-cloud fixture APIs (国家公共文化云, 山西公共文化云; WireMock) through the real routes,
 * record store (H2), connector, crosswalks and Lucene index. Credentials come from a secret lookup standing in
 * for the environment.
 */
@SpringBootTest(classes = HarvestTestApplication.class)
@Import(CloudHarvestIT.Environment.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class CloudHarvestIT {

    private static final String NATIONAL = "national-cloud";
    private static final String SHANXI = "shanxi-cloud";
    private static final String UNCONFIGURED = "shanxi-cloud-unset";

    @TempDir
    static Path indexes;

    private static FixtureSources fixtures;

    @Autowired
    HarvestJobs jobs;
    @Autowired
    SearchIndex index;
    @Autowired
    RecordStore store;
    @Autowired
    CamelContext camel;

    /** The environment variables the sources name; the third source's are deliberately unset. */
    @TestConfiguration
    static class Environment {
        @Bean
        SecretLookup secretLookup() {
            Map<String, String> env = Map.of(
                    "SHANGDANG_NATIONAL_CLOUD_CLIENT_ID", FixtureSources.NATIONAL_CLOUD_CLIENT_ID,
                    "SHANGDANG_NATIONAL_CLOUD_CLIENT_SECRET", FixtureSources.NATIONAL_CLOUD_CLIENT_SECRET,
                    "SX_APP_KEY", FixtureSources.SHANXI_CLOUD_APP_KEY,
                    "SX_APP_SECRET", FixtureSources.SHANXI_CLOUD_APP_SECRET);
            return name -> Optional.ofNullable(env.get(name));
        }
    }

    @BeforeAll
    static void startFixtures() {
        fixtures = FixtureSources.start(0);
    }

    @AfterAll
    static void stopFixtures() {
        fixtures.close();
    }

    @BeforeEach
    void freshFixtures() {
        fixtures.resetScenarios();
        fixtures.resetRequests();
    }

    @DynamicPropertySource
    static void sources(DynamicPropertyRegistry registry) {
        registry.add("test.index-parent", () -> indexes.toString());
        registry.add("shangdang.harvest.retry.initial-delay", () -> "10ms");
        registry.add("shangdang.sources[0].id", () -> NATIONAL);
        registry.add("shangdang.sources[0].library", () -> "国家公共文化云");
        registry.add("shangdang.sources[0].protocol", () -> "cloud");
        registry.add("shangdang.sources[0].cloud.platform", () -> "national");
        registry.add("shangdang.sources[0].cloud.base-url", () -> fixtures.nationalCloudUrl().toString());
        registry.add("shangdang.sources[0].cloud.page-size", () -> "8");
        registry.add("shangdang.sources[1].id", () -> SHANXI);
        registry.add("shangdang.sources[1].library", () -> "山西公共文化云");
        registry.add("shangdang.sources[1].protocol", () -> "cloud");
        registry.add("shangdang.sources[1].cloud.platform", () -> "shanxi");
        registry.add("shangdang.sources[1].cloud.base-url", () -> fixtures.shanxiCloudUrl().toString());
        registry.add("shangdang.sources[1].cloud.client-id-env", () -> "SX_APP_KEY");
        registry.add("shangdang.sources[1].cloud.client-secret-env", () -> "SX_APP_SECRET");
        registry.add("shangdang.sources[1].cloud.page-size", () -> "8");
        registry.add("shangdang.sources[2].id", () -> UNCONFIGURED);
        registry.add("shangdang.sources[2].library", () -> "山西公共文化云");
        registry.add("shangdang.sources[2].protocol", () -> "cloud");
        registry.add("shangdang.sources[2].cloud.platform", () -> "shanxi");
        registry.add("shangdang.sources[2].cloud.base-url", () -> fixtures.shanxiCloudUrl().toString());
    }

    @Test
    void fullHarvestsOfBothCloudsIndexTheirItemsAndRejectTheMalformedOnesWithReasons() {
        // when both clouds are harvested in full
        JobStatus national = jobs.harvest(NATIONAL, HarvestMode.FULL);
        JobStatus shanxi = jobs.harvest(SHANXI, HarvestMode.FULL);

        // then their cloud routes ran to completion
        assertThat(camel.getRoute("harvest-cloud-" + NATIONAL)).isNotNull();
        assertThat(camel.getRoute("harvest-cloud-" + SHANXI)).isNotNull();
        assertThat(national.state()).isEqualTo(JobState.COMPLETED);
        assertThat(shanxi.state()).isEqualTo(JobState.COMPLETED);
        assertThat(national.pages()).isEqualTo(3);
        assertThat(shanxi.pages()).isEqualTo(2);

        // every usable item is searchable with its kind; an item taken offline is not
        assertThat(index.get(NATIONAL + ":NCPC-V-2024-014501")).hasValueSatisfying(r -> {
            assertThat(r.kind()).isEqualTo(ResourceKind.VIDEO);
            assertThat(r.title()).isEqualTo("上党梆子《三关排宴》全场演出");
        });
        assertThat(index.get(NATIONAL + ":NCPC-H-2024-050602")).map(CanonicalRecord::kind).hasValue(ResourceKind.ACTIVITY);
        assertThat(index.get(SHANXI + ":1788203311002241027")).hasValueSatisfying(r -> {
            assertThat(r.kind()).isEqualTo(ResourceKind.AUDIO);
            assertThat(r.county()).hasValue("长子县");
        });
        assertThat(index.get(NATIONAL + ":NCPC-V-2023-009901")).isEmpty();
        assertThat(index.count()).isEqualTo(national.indexed() + shanxi.indexed());
        assertThat(national.indexed()).isEqualTo(national.seen() - national.rejected() - 1);
        assertThat(shanxi.indexed()).isEqualTo(shanxi.seen() - shanxi.rejected());

        // malformed items are rejects with reasons; their pages were used
        assertThat(store.rejects(national.id())).extracting(Reject::reason).satisfiesExactlyInAnyOrder(
                r -> assertThat(r).contains("page 2 item 1", "no resourceId"),
                r -> assertThat(r).contains("NCPC-P-2024-060001", "unknown resourceType 'PHOTO'"));
        assertThat(store.rejects(shanxi.id())).extracting(Reject::reason).satisfiesExactlyInAnyOrder(
                r -> assertThat(r).contains("1788203311002241037", "update_time", "2024/06/31 25:00"),
                r -> assertThat(r).contains("1788203311002241036", "no res_name (title)"));

        // the checkpoint is the latest update time seen, with nothing left to resume
        Instant nationalHighWater = Instant.parse("2024-06-20T02:00:00Z");
        assertThat(store.checkpoint(NATIONAL)).hasValueSatisfying(c -> {
            assertThat(c.resumptionToken()).isEmpty();
            assertThat(c.highWater()).hasValue(nationalHighWater);
        });
    }

    @Test
    void anIncrementalRunAsksForChangesSinceTheCheckpointAndAppliesOnlyThem() {
        // given both clouds harvested in full
        jobs.harvest(NATIONAL, HarvestMode.FULL);
        jobs.harvest(SHANXI, HarvestMode.FULL);
        long before = index.count();
        Instant nationalMark = store.checkpoint(NATIONAL).flatMap(Checkpoint::highWater).orElseThrow();
        fixtures.resetRequests();

        // when they are harvested incrementally
        JobStatus national = jobs.harvest(NATIONAL, HarvestMode.INCREMENTAL);
        JobStatus shanxi = jobs.harvest(SHANXI, HarvestMode.INCREMENTAL);

        // then each asked only for what changed since its mark, and saw only the changes
        assertThat(fixtures.requestsTo(fixtures.nationalCloudUrl().resolve("/ncpc/api/open/v1/resources")))
                .containsExactly("pageNo=1&pageSize=8&updatedSince=" + nationalMark.toEpochMilli());
        assertThat(fixtures.requestsTo(fixtures.shanxiCloudUrl().resolve("/sxcloud/jeecg-boot/openapi/resource/list")))
                .singleElement().satisfies(q -> assertThat(q).contains("update_time_begin=2024-06-14%2008%3A00%3A00"));
        assertThat(national.state()).isEqualTo(JobState.COMPLETED);
        assertThat(national.seen()).isEqualTo(3);
        assertThat(shanxi.seen()).isEqualTo(3);

        // the corrected title, the new items and the withdrawals are in the index; nothing else moved
        assertThat(index.get(NATIONAL + ":NCPC-V-2024-014501")).map(CanonicalRecord::title)
                .hasValue("上党梆子《三关排宴》全场演出（高清修复版）");
        assertThat(index.get(NATIONAL + ":NCPC-V-2024-014599")).isPresent();
        assertThat(index.get(NATIONAL + ":NCPC-A-2024-022102")).isEmpty();
        assertThat(index.get(SHANXI + ":1788203311002241034")).hasValueSatisfying(r ->
                assertThat(r.notes()).contains("活动时间 2024-07-20 15:00 至 17:00"));
        assertThat(index.get(SHANXI + ":1788203311002241040")).isPresent();
        assertThat(index.get(SHANXI + ":1788203311002241029")).isEmpty();
        assertThat(index.count()).isEqualTo(before + 2 - 2);
        assertThat(store.checkpoint(NATIONAL).flatMap(Checkpoint::highWater)).hasValueSatisfying(
                mark -> assertThat(mark).isAfter(nationalMark));
    }

    @Test
    void aCloudWhoseCredentialsAreNotInTheEnvironmentFailsItsJobNamingTheVariable() {
        JobStatus job = jobs.harvest(UNCONFIGURED, HarvestMode.FULL);

        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.lastError()).hasValueSatisfying(e ->
                assertThat(e).contains(UNCONFIGURED, "SHANGDANG_SHANXI_CLOUD_UNSET_CLIENT_ID", "not set"));
        assertThat(fixtures.requestsTo(fixtures.shanxiCloudUrl().resolve("/sxcloud/jeecg-boot/sys/openapi/token"))).isEmpty();
    }

    @Test
    void bothCloudSourcesAreListedWithTheirRoutes() {
        assertThat(List.of(NATIONAL, SHANXI, UNCONFIGURED))
                .allSatisfy(id -> assertThat(camel.getRoute("harvest-cloud-" + id)).isNotNull());
    }
}
