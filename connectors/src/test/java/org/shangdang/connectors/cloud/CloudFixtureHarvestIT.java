package org.shangdang.connectors.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shangdang.connectors.oaipmh.RetryPolicy;
import org.shangdang.fixtures.FixtureSources;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;

/** Both clouds' fixture APIs (WireMock, fixtures/README.md) harvested by the real harvester over HTTP. */
class CloudFixtureHarvestIT {

    private static final RetryPolicy RETRY = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50),
            Duration.ofSeconds(5));
    private static FixtureSources fixtures;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        fixtures = FixtureSources.start(0);
    }

    @AfterAll
    static void stop() {
        fixtures.close();
    }

    @BeforeEach
    void freshScenarios() {
        fixtures.resetScenarios();
        fixtures.resetRequests();
    }

    private static CloudSource national(String secret) {
        return new CloudSource("national-cloud", CloudPlatform.NATIONAL, fixtures.nationalCloudUrl(),
                new CloudCredentials(FixtureSources.NATIONAL_CLOUD_CLIENT_ID, secret), 8);
    }

    private static CloudSource shanxi(String secret) {
        return new CloudSource("shanxi-cloud", CloudPlatform.SHANXI, fixtures.shanxiCloudUrl(),
                new CloudCredentials(FixtureSources.SHANXI_CLOUD_APP_KEY, secret), 8);
    }

    private List<CloudPage> harvest(CloudSource source, CloudQuery query) {
        List<CloudPage> pages = new ArrayList<>();
        try (CloudHarvester harvester = CloudHarvester.open(source, query, RETRY, http)) {
            harvester.forEachRemaining(pages::add);
        }
        return pages;
    }

    private static List<RawRecord> records(List<CloudPage> pages) {
        return pages.stream().flatMap(p -> p.records().stream()).toList();
    }

    @Test
    void nationalHarvestPagesThroughTheWholeListAndRenewsTheTokenRevokedAfterPageOne() {
        // given the national cloud, whose first token is revoked after page 1
        CloudSource source = national(FixtureSources.NATIONAL_CLOUD_CLIENT_SECRET);

        // when the whole list is harvested
        List<CloudPage> pages;
        int tokens;
        try (CloudHarvester harvester = CloudHarvester.open(source, CloudQuery.all(), RETRY, http)) {
            pages = new ArrayList<>();
            harvester.forEachRemaining(pages::add);
            tokens = harvester.tokensIssued();
        }

        // then every page came, page 2 after a second token, and each item once
        assertThat(pages).extracting(CloudPage::pageNo).containsExactly(1, 2, 3);
        assertThat(tokens).isEqualTo(2);
        assertThat(fixtures.requestsTo(source.resolve("/open/v1/resources")))
                .filteredOn(q -> q.contains("pageNo=2")).hasSize(2);
        long total = pages.get(0).total();
        assertThat(records(pages).size() + pages.stream().mapToInt(p -> p.rejects().size()).sum()).isEqualTo(total);
        assertThat(records(pages)).extracting(RawRecord::recordId).doesNotHaveDuplicates()
                .contains("NCPC-V-2024-014501", "NCPC-H-2024-050602");
        assertThat(records(pages)).allSatisfy(r -> assertThat(r.format()).isEqualTo(RecordFormat.NATIONAL_CLOUD_JSON));
        // the resource taken offline is a deletion
        assertThat(records(pages)).filteredOn(RawRecord::isDeleted).extracting(RawRecord::recordId)
                .containsExactly("NCPC-V-2023-009901");
    }

    @Test
    void anItemWithoutAnIdIsRejectedWithItsReasonAndTheRestOfItsPageIsKept() {
        List<CloudPage> pages = harvest(national(FixtureSources.NATIONAL_CLOUD_CLIENT_SECRET), CloudQuery.all());

        CloudPage second = pages.get(1);
        assertThat(second.rejects()).singleElement().satisfies(r -> {
            assertThat(r.reason()).contains("国家公共文化云", "national-cloud", "page 2 item 1", "no resourceId");
            assertThat(r.record().recordId()).isEqualTo("page2-item1");
            assertThat(new String(r.record().payload(), java.nio.charset.StandardCharsets.UTF_8)).contains("沁州三弦书");
        });
        assertThat(second.records()).hasSize(7);
    }

    @Test
    void shanxiHarvestWaitsOutA429WithRetryAfterAndRejectsAnUnreadableUpdateTime() {
        // given the Shanxi cloud, which throttles the first request for page 2 with Retry-After: 1
        CloudSource source = shanxi(FixtureSources.SHANXI_CLOUD_APP_SECRET);

        // when the whole list is harvested
        long started = System.nanoTime();
        List<CloudPage> pages = harvest(source, CloudQuery.all());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // then page 2 came after waiting the second the cloud asked for
        assertThat(pages).extracting(CloudPage::pageNo).containsExactly(1, 2);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(fixtures.requestsTo(source.resolve("/openapi/resource/list")))
                .filteredOn(q -> q.contains("current=2")).hasSize(2);
        assertThat(records(pages)).hasSize((int) pages.get(0).total() - 1)
                .allSatisfy(r -> assertThat(r.format()).isEqualTo(RecordFormat.SHANXI_CLOUD_JSON));
        assertThat(pages.get(1).rejects()).singleElement().satisfies(r -> {
            assertThat(r.record().recordId()).isEqualTo("1788203311002241037");
            assertThat(r.reason()).contains("山西公共文化云", "update_time", "2024/06/31 25:00");
        });
    }

    @Test
    void anIncrementalHarvestAsksForChangesSinceTheHighWaterAndGetsOnlyThem() {
        for (CloudSource source : List.of(national(FixtureSources.NATIONAL_CLOUD_CLIENT_SECRET),
                shanxi(FixtureSources.SHANXI_CLOUD_APP_SECRET))) {
            // given a full harvest and its latest update time
            List<RawRecord> full = records(harvest(source, CloudQuery.all()));
            Instant highWater = full.stream().map(RawRecord::datestamp).max(Instant::compareTo).orElseThrow();

            // when the changes since then are harvested
            List<RawRecord> changes = records(harvest(source, CloudQuery.changedSince(highWater)));

            // then only the changed, new and withdrawn items come, all updated after the high-water mark
            assertThat(changes).as(source.sourceId()).hasSize(3)
                    .allSatisfy(r -> assertThat(r.datestamp()).isAfter(highWater));
            assertThat(changes).filteredOn(RawRecord::isDeleted).hasSize(1);
            assertThat(changes).extracting(RawRecord::recordId)
                    .anySatisfy(id -> assertThat(full).extracting(RawRecord::recordId).contains(id))
                    .anySatisfy(id -> assertThat(full).extracting(RawRecord::recordId).doesNotContain(id));
        }
    }

    @Test
    void refusedCredentialsStopTheHarvestWithAMessageThatNamesTheClientButNotTheSecret() {
        for (CloudSource source : List.of(national("wrong-secret-123"), shanxi("wrong-secret-123"))) {
            assertThatThrownBy(() -> harvest(source, CloudQuery.all()))
                    .as(source.sourceId())
                    .isInstanceOf(CloudException.class)
                    .hasMessageContaining(source.sourceId())
                    .hasMessageContaining("refused client " + source.credentials().clientId())
                    .hasMessageNotContaining("wrong-secret-123");
        }
    }
}
