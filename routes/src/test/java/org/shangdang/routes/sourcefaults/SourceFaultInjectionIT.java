package org.shangdang.routes.sourcefaults;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.indexer.SearchQuery;
import org.shangdang.indexer.SearchResult;
import org.shangdang.routes.HarvestJobs;
import org.shangdang.routes.it.HarvestTestApplication;
import org.shangdang.routes.sourcefaults.FaultSchedule.Delay;
import org.shangdang.routes.sourcefaults.FaultSchedule.FaultKind;
import org.shangdang.routes.store.HarvestMode;
import org.shangdang.routes.store.JobState;
import org.shangdang.routes.store.JobStatus;
import org.shangdang.routes.store.RecordStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The fault-injection suite: a 10,000-record OAI-PMH source (the generated city catalogue, 40 pages of 250
 * MARCXML records) served by WireMock, whose requests fail on a seeded schedule with every transport fault a
 * repository shows (connection reset, empty response, malformed chunk, random data then close, 429 and 503 with
 * Retry-After, a truncated body) and whose answers come on time, late by a fixed delay or late by a random one.
 * The real harvest route (connector retries, record store, crosswalk, Lucene index, checkpoints) must end with
 * an index that equals the source exactly.
 */
@SpringBootTest(classes = HarvestTestApplication.class, properties = {
        // One attempt more than the most failures a page meets; small waits keep the run short.
        "shangdang.harvest.retry.max-attempts=" + (FaultSchedule.MAX_FAILURES_PER_PAGE + 1),
        "shangdang.harvest.retry.initial-delay=5ms",
        "shangdang.harvest.retry.max-delay=20ms",
        // Above the Retry-After of 1 s the faults send, so that it is honoured and not cut short.
        "shangdang.harvest.retry.max-retry-after=2s",
        // A faulted answer whose body stalls instead of closing is cut off after 2 × 10 s and retried.
        "shangdang.harvest.http.request-timeout=10s"})
class SourceFaultInjectionIT {

    private static final String SOURCE = "changzhi-city";
    private static final int RECORDS = 10_000;
    private static final int PAGE_SIZE = 250;
    private static final long SCHEDULE_SEED = 6L;
    private static final String FAULT_PREFIX = "fault ";
    private static final String RETRY_AFTER_SECONDS = "1";

    @TempDir
    static Path indexes;

    private static WireMockServer source;
    private static CityPages pages;
    private static FaultSchedule schedule;

    @Autowired
    HarvestJobs jobs;
    @Autowired
    SearchIndex index;
    @Autowired
    RecordStore store;

    @DynamicPropertySource
    static void sources(DynamicPropertyRegistry registry) {
        registry.add("fixtures.changzhi-city", () -> startSource() + "/oai");
        // Configured but never harvested here.
        registry.add("fixtures.zhangzi-county", () -> "http://127.0.0.1:9/oai");
        registry.add("test.index-parent", () -> indexes.toString());
    }

    @AfterAll
    static void stopSource() {
        if (source != null) {
            source.stop();
            source = null;
        }
    }

    @Test
    void harvestThroughScheduledTransportFaultsIndexesEveryRecordExactlyOnce() {
        // given a 10,000-record source whose requests fail on a seeded schedule
        assertThat(pages.canonicalIds()).hasSize(RECORDS).doesNotHaveDuplicates();
        assertThat(schedule.failureCount()).as("scheduled failures").isGreaterThanOrEqualTo(FaultKind.FAILURES.size());

        // when it is harvested in full through the real route
        long started = System.nanoTime();
        JobStatus job = jobs.harvest(SOURCE, HarvestMode.FULL);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // then the job completed having seen every page and record once, and rejected none
        assertThat(job.state()).as("job state; last error: %s", job.lastError()).isEqualTo(JobState.COMPLETED);
        assertThat(job.pages()).isEqualTo(pages.pages().size());
        assertThat(job.seen()).isEqualTo(RECORDS);
        assertThat(job.rejected()).as("rejects: %s", store.rejects(job.id())).isZero();

        // and every scheduled failure was served, on at least 20 % of all requests, every kind at least once
        List<ServeEvent> served = servedOldestFirst();
        Map<FaultKind, Integer> injected = injectedByKind(served);
        int failuresServed = injected.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(failuresServed).isEqualTo(schedule.failureCount());
        assertThat(injected.keySet()).containsExactlyInAnyOrderElementsOf(FaultKind.FAILURES);
        assertThat((double) failuresServed / served.size()).as("share of failed requests").isGreaterThanOrEqualTo(0.20);
        assertThat(source.getAllScenarios().getScenarios())
                .as("every page's scenario reached its successful answer")
                .allSatisfy(s -> assertThat(s.getState()).isEqualTo(servedState(s.getName())));

        // and each Retry-After was honoured before the next request
        assertRetryAfterHonoured(served);

        // and the index holds exactly the source's records: same ids, same count, none twice
        List<String> lost = pages.canonicalIds().stream().filter(id -> index.get(id).isEmpty()).toList();
        List<String> listed = listIndex();
        Set<String> distinct = new HashSet<>(listed);
        int duplicated = listed.size() - distinct.size();
        assertThat(lost).as("records lost").isEmpty();
        assertThat(duplicated).as("records listed twice").isZero();
        assertThat(distinct).containsExactlyInAnyOrderElementsOf(pages.canonicalIds());
        assertThat(index.count()).isEqualTo(RECORDS);
        assertThat(store.checkpoint(SOURCE)).hasValueSatisfying(c -> assertThat(c.resumptionToken()).isEmpty());

        long delayed = schedule.delays().stream().filter(d -> d != Delay.NONE).count();
        System.out.printf("SourceFaultInjectionIT: records %d, pages %d, requests %d, failed requests %d (%.1f %%)"
                        + " by kind %s, delayed answers %d (fixed %d ms: %d, random %d-%d ms: %d), records indexed %d,"
                        + " records lost %d, duplicated %d, harvest %d ms%n",
                RECORDS, pages.pages().size(), served.size(), failuresServed, 100.0 * failuresServed / served.size(),
                injected, delayed, FaultSchedule.FIXED_DELAY_MILLIS,
                schedule.delays().stream().filter(d -> d == Delay.FIXED).count(), FaultSchedule.RANDOM_DELAY_MIN_MILLIS,
                FaultSchedule.RANDOM_DELAY_MAX_MILLIS, schedule.delays().stream().filter(d -> d == Delay.RANDOM).count(),
                index.count(), lost.size(), duplicated, took.toMillis());
    }

    private static void assertRetryAfterHonoured(List<ServeEvent> served) {
        int checked = 0;
        for (int i = 0; i + 1 < served.size(); i++) {
            String name = served.get(i).getStubMapping().getName();
            if (name != null && (name.equals(FAULT_PREFIX + FaultKind.HTTP_429_RETRY_AFTER)
                    || name.equals(FAULT_PREFIX + FaultKind.HTTP_503_RETRY_AFTER))) {
                long gap = served.get(i + 1).getRequest().getLoggedDate().getTime()
                        - served.get(i).getRequest().getLoggedDate().getTime();
                assertThat(gap).as("ms between %s and the next request", name)
                        .isGreaterThanOrEqualTo(Long.parseLong(RETRY_AFTER_SECONDS) * 1000);
                checked++;
            }
        }
        assertThat(checked).as("answers with Retry-After").isPositive();
    }

    private static Map<FaultKind, Integer> injectedByKind(List<ServeEvent> served) {
        Map<FaultKind, Integer> injected = new EnumMap<>(FaultKind.class);
        for (ServeEvent event : served) {
            String name = event.getStubMapping() == null ? null : event.getStubMapping().getName();
            if (name != null && name.startsWith(FAULT_PREFIX)) {
                injected.merge(FaultKind.valueOf(name.substring(FAULT_PREFIX.length())), 1, Integer::sum);
            }
        }
        return injected;
    }

    /** Every canonical id the index lists, in pages of the largest size a query allows. */
    private List<String> listIndex() {
        List<String> ids = new ArrayList<>();
        int pagesNeeded = (int) ((index.count() + SearchQuery.MAX_SIZE - 1) / SearchQuery.MAX_SIZE);
        for (int page = 1; page <= pagesNeeded; page++) {
            SearchResult result = index.search(new SearchQuery("", Map.of(), page, SearchQuery.MAX_SIZE));
            result.hits().forEach(hit -> ids.add(hit.id()));
        }
        return ids;
    }

    private static List<ServeEvent> servedOldestFirst() {
        // WireMock lists the newest first.
        List<ServeEvent> events = new ArrayList<>(source.getAllServeEvents());
        Collections.reverse(events);
        return events;
    }

    private static synchronized String startSource() {
        if (source == null) {
            pages = CityPages.generate(SOURCE, RECORDS, PAGE_SIZE);
            schedule = FaultSchedule.draw(SCHEDULE_SEED, pages.pages().size());
            source = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
            source.start();
            Random cuts = new Random(SCHEDULE_SEED);
            for (int p = 0; p < pages.pages().size(); p++) {
                stubPage(p, pages.pages().get(p), schedule.failures().get(p), schedule.delays().get(p), cuts);
            }
        }
        return source.baseUrl();
    }

    /** The page's failures one after another in its own scenario, then its answer for every later request. */
    private static void stubPage(int number, CityPages.Page page, List<FaultKind> failures, Delay delay, Random cuts) {
        String scenario = scenarioName(number);
        for (int i = 0; i < failures.size(); i++) {
            FaultKind kind = failures.get(i);
            source.stubFor(request(page)
                    .withName(FAULT_PREFIX + kind)
                    .inScenario(scenario)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "failed-" + i)
                    .willSetStateTo(i + 1 == failures.size() ? servedState(scenario) : "failed-" + (i + 1))
                    .willReturn(failure(kind, page.body(), cuts)));
        }
        ResponseDefinitionBuilder answer = aResponse().withStatus(200)
                .withHeader("Content-Type", "text/xml; charset=UTF-8").withBody(page.body());
        switch (delay) {
            case FIXED -> answer.withFixedDelay(FaultSchedule.FIXED_DELAY_MILLIS);
            case RANDOM -> answer.withUniformRandomDelay(FaultSchedule.RANDOM_DELAY_MIN_MILLIS,
                    FaultSchedule.RANDOM_DELAY_MAX_MILLIS);
            case NONE -> { }
        }
        MappingBuilder success = request(page).withName("page " + number).inScenario(scenario)
                .whenScenarioStateIs(failures.isEmpty() ? Scenario.STARTED : servedState(scenario));
        source.stubFor(success.willReturn(answer));
    }

    private static String scenarioName(int page) {
        return "page-" + page;
    }

    /** The state a page's scenario is in once its failures are all served; a page without failures stays STARTED. */
    private static String servedState(String scenario) {
        int page = Integer.parseInt(scenario.substring("page-".length()));
        return schedule.failures().get(page).isEmpty() ? Scenario.STARTED : "served";
    }

    private static MappingBuilder request(CityPages.Page page) {
        MappingBuilder request = get(urlPathEqualTo("/oai")).withQueryParam("verb", equalTo("ListRecords"));
        return page.token()
                .map(token -> request.withQueryParam("resumptionToken", equalTo(token)))
                .orElseGet(() -> request.withQueryParam("resumptionToken", absent())
                        .withQueryParam("metadataPrefix", equalTo("marcxml")));
    }

    private static ResponseDefinitionBuilder failure(FaultKind kind, String body, Random cuts) {
        return switch (kind) {
            case CONNECTION_RESET_BY_PEER -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
            case EMPTY_RESPONSE -> aResponse().withFault(Fault.EMPTY_RESPONSE);
            case MALFORMED_RESPONSE_CHUNK -> aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK);
            case RANDOM_DATA_THEN_CLOSE -> aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE);
            case HTTP_429_RETRY_AFTER -> aResponse().withStatus(429).withHeader("Retry-After", RETRY_AFTER_SECONDS)
                    .withHeader("Content-Type", "text/plain; charset=UTF-8").withBody("Too Many Requests");
            case HTTP_503_RETRY_AFTER -> aResponse().withStatus(503).withHeader("Retry-After", RETRY_AFTER_SECONDS)
                    .withHeader("Content-Type", "text/html; charset=UTF-8")
                    .withBody("<html><body><h1>503 Service Unavailable</h1></body></html>");
            // A prefix cut between 30 % and 90 % of the page: well-formed so far, inside some record.
            case TRUNCATED_BODY -> aResponse().withStatus(200).withHeader("Content-Type", "text/xml; charset=UTF-8")
                    .withBody(body.substring(0, (int) (body.length() * (0.3 + 0.6 * cuts.nextDouble()))));
        };
    }
}
