package org.shangdang.routes.sourcefaults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shangdang.fixtures.generate.city.CityCatalog;
import org.shangdang.fixtures.generate.city.CityCorpus;
import org.shangdang.fixtures.generate.city.CityOaiServer;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.routes.HarvestJobs;
import org.shangdang.routes.it.HarvestTestApplication;
import org.shangdang.routes.store.Checkpoint;
import org.shangdang.routes.store.HarvestMode;
import org.shangdang.routes.store.JobState;
import org.shangdang.routes.store.JobStatus;
import org.shangdang.routes.store.RecordStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Expired resumption tokens: a repository that answers {@code badResumptionToken} to a token, mid-list or the one a
 * checkpoint saved, makes the harvest restart the list from the checkpoint's window (the high-water datestamp of the
 * last completed harvest) instead of failing, and the index ends with every record once.
 *
 * <p>The repository is the generated city catalogue ({@link CityOaiServer}, pages of {@value #PAGE_SIZE}) behind a
 * WireMock proxy: first with {@value #FIRST_SIZE} records, harvested in full, then grown to {@value #GROWN_SIZE}
 * (record {@code i} is the same in both, its datestamp one second after record {@code i - 1}), so that the
 * incremental harvest lists a window of several pages. Each test gets its own servers, database and index.
 */
@SpringBootTest(classes = HarvestTestApplication.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class ExpiredResumptionTokenIT {

    private static final String SOURCE = "changzhi-city";
    private static final int FIRST_SIZE = 500;
    private static final int GROWN_SIZE = 1_000;
    private static final int PAGE_SIZE = 100;
    private static final CityCatalog FIRST = new CityCatalog(FIRST_SIZE, CityPages.SEED, CityCorpus.builtIn());
    private static final CityCatalog GROWN = new CityCatalog(GROWN_SIZE, CityPages.SEED, CityCorpus.builtIn());
    /** The high-water mark of the first harvest: the datestamp of its last record, where the window starts. */
    private static final Instant HIGH_WATER = FIRST.record(FIRST_SIZE - 1).datestamp();
    /** The token of the window's third page (records 699–798; the window starts at record 499). */
    private static final String THIRD_PAGE_TOKEN = windowToken(2);
    /** The token of the window's fourth page. */
    private static final String FOURTH_PAGE_TOKEN = windowToken(3);

    @TempDir
    static Path indexes;

    private static CityOaiServer first;
    private static CityOaiServer grown;
    private static WireMockServer proxy;

    @Autowired
    HarvestJobs jobs;
    @Autowired
    SearchIndex index;
    @Autowired
    RecordStore store;

    @DynamicPropertySource
    static void sources(DynamicPropertyRegistry registry) {
        registry.add("fixtures.changzhi-city", () -> startServers() + "/oai");
        registry.add("fixtures.zhangzi-county", () -> "http://127.0.0.1:9/oai");
        registry.add("test.index-parent", () -> indexes.toString());
    }

    @AfterEach
    void stopServers() {
        synchronized (ExpiredResumptionTokenIT.class) {
            if (proxy != null) {
                proxy.stop();
                first.close();
                grown.close();
                proxy = null;
            }
        }
    }

    @Test
    void tokenExpiringMidListRestartsTheWindowFromTheHighWaterMark() {
        // given a completed full harvest, a grown repository, and a token of the window that expires once
        harvestFirstInFull();
        proxy.stubFor(fromGrown());
        proxy.stubFor(onceBad(THIRD_PAGE_TOKEN, "expired-mid-list"));
        proxy.resetRequests();

        // when the source is harvested incrementally
        JobStatus job = jobs.harvest(SOURCE, HarvestMode.INCREMENTAL);

        // then the job completed; after the rejected token the list restarted from the high-water mark, never
        // from the beginning of the repository
        assertThat(job.state()).as("last error: %s", job.lastError()).isEqualTo(JobState.COMPLETED);
        List<String> requests = listRequests();
        int rejectedAt = requests.indexOf("token " + THIRD_PAGE_TOKEN);
        assertThat(rejectedAt).as("requests: %s", requests).isEqualTo(2);
        assertThat(requests.get(rejectedAt + 1)).isEqualTo("from " + HIGH_WATER);
        assertThat(requests).filteredOn(r -> r.equals("full list")).isEmpty();
        // and the index holds every record of the grown repository once, the checkpoint the new high-water mark
        assertIndexHoldsExactly(GROWN);
        assertThat(store.checkpoint(SOURCE)).contains(new Checkpoint(SOURCE, Optional.empty(),
                Optional.empty(), Optional.of(GROWN.record(GROWN_SIZE - 1).datestamp())));
        System.out.printf("ExpiredResumptionTokenIT (mid-list): records %d, window %d records, requests %s, records seen"
                + " %d (the restart re-read %d), indexed %d, lost 0, duplicated 0%n", GROWN_SIZE, GROWN_SIZE - FIRST_SIZE + 1,
                requests.size(), job.seen(), job.seen() - (GROWN_SIZE - FIRST_SIZE + 1), index.count());
    }

    @Test
    void checkpointTokenRejectedOnResumeRestartsTheCheckpointWindow() {
        // given an incremental harvest of the grown repository that failed on the window's third page, leaving
        // that page's token and the window in its checkpoint
        harvestFirstInFull();
        proxy.stubFor(fromGrown());
        StubMapping broken = proxy.stubFor(token(THIRD_PAGE_TOKEN).atPriority(1)
                .willReturn(aResponse().withStatus(500).withBody("upstream broke")));
        JobStatus failed = jobs.harvest(SOURCE, HarvestMode.INCREMENTAL);
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(store.checkpoint(SOURCE)).contains(new Checkpoint(SOURCE, Optional.of(THIRD_PAGE_TOKEN),
                Optional.of(HIGH_WATER), Optional.of(HIGH_WATER)));

        // when the repository is back but has forgotten the saved token, and the harvest is resumed
        proxy.removeStub(broken);
        proxy.stubFor(onceBad(THIRD_PAGE_TOKEN, "expired-checkpoint"));
        proxy.resetRequests();
        JobStatus resumed = jobs.harvest(SOURCE, HarvestMode.INCREMENTAL);

        // then the resumed job asked for the saved token first, then restarted the checkpoint's window, and completed
        assertThat(resumed.state()).as("last error: %s", resumed.lastError()).isEqualTo(JobState.COMPLETED);
        List<String> requests = listRequests();
        assertThat(requests.subList(0, 2)).containsExactly("token " + THIRD_PAGE_TOKEN, "from " + HIGH_WATER);
        assertThat(requests).filteredOn(r -> r.equals("full list")).isEmpty();
        // and nothing is lost or doubled
        assertIndexHoldsExactly(GROWN);
        assertThat(store.checkpoint(SOURCE)).hasValueSatisfying(c -> {
            assertThat(c.resumptionToken()).isEmpty();
            assertThat(c.highWater()).contains(GROWN.record(GROWN_SIZE - 1).datestamp());
        });
        System.out.printf("ExpiredResumptionTokenIT (checkpoint): records %d, failed run %d pages, resumed run requests"
                        + " %d, records seen %d, indexed %d, lost 0, duplicated 0%n", GROWN_SIZE, failed.pages(),
                requests.size(), resumed.seen(), index.count());
    }

    @Test
    void restartedWindowWhoseOwnTokenExpiresTooIsRestartedAgainAndCompletes() {
        // given a checkpoint left at the window's third page by a failed run
        harvestFirstInFull();
        proxy.stubFor(fromGrown());
        StubMapping broken = proxy.stubFor(token(THIRD_PAGE_TOKEN).atPriority(1)
                .willReturn(aResponse().withStatus(500).withBody("upstream broke")));
        assertThat(jobs.harvest(SOURCE, HarvestMode.INCREMENTAL).state()).isEqualTo(JobState.FAILED);
        proxy.removeStub(broken);
        // and a repository that has forgotten the saved token, and in the restarted list lets the fourth page's
        // token expire once too (a harvest held up mid-list)
        proxy.stubFor(onceBad(THIRD_PAGE_TOKEN, "expired-checkpoint"));
        proxy.stubFor(onceBad(FOURTH_PAGE_TOKEN, "expired-in-restarted-list"));
        proxy.resetRequests();

        // when the harvest is resumed
        JobStatus resumed = jobs.harvest(SOURCE, HarvestMode.INCREMENTAL);

        // then both rejections restarted the checkpoint's window, and the job completed
        assertThat(resumed.state()).as("last error: %s", resumed.lastError()).isEqualTo(JobState.COMPLETED);
        List<String> requests = listRequests();
        assertThat(requests.subList(0, 2)).containsExactly("token " + THIRD_PAGE_TOKEN, "from " + HIGH_WATER);
        int expiredMidList = requests.indexOf("token " + FOURTH_PAGE_TOKEN);
        assertThat(expiredMidList).as("requests: %s", requests).isPositive();
        assertThat(requests.get(expiredMidList + 1)).isEqualTo("from " + HIGH_WATER);
        assertThat(requests).filteredOn(r -> r.equals("full list")).isEmpty();
        // and nothing is lost or doubled
        assertIndexHoldsExactly(GROWN);
        System.out.printf("ExpiredResumptionTokenIT (checkpoint, then mid-list): records %d, resumed run requests %d,"
                + " records seen %d, indexed %d, lost 0, duplicated 0%n", GROWN_SIZE, requests.size(), resumed.seen(),
                index.count());
    }

    private void harvestFirstInFull() {
        JobStatus full = jobs.harvest(SOURCE, HarvestMode.FULL);
        assertThat(full.state()).as("last error: %s", full.lastError()).isEqualTo(JobState.COMPLETED);
        assertIndexHoldsExactly(FIRST);
        assertThat(store.checkpoint(SOURCE)).hasValueSatisfying(c -> assertThat(c.highWater()).contains(HIGH_WATER));
    }

    /** Every record of the catalogue is in the index, and nothing else: the count rules out extras and doubles. */
    private void assertIndexHoldsExactly(CityCatalog catalog) {
        List<String> missing = catalog.records()
                .map(r -> CanonicalRecord.idOf(SOURCE, CityOaiServer.IDENTIFIER_PREFIX + r.localId()))
                .filter(id -> index.get(id).isEmpty())
                .toList();
        assertThat(missing).as("records lost").isEmpty();
        assertThat(index.count()).isEqualTo(catalog.size());
    }

    /** The ListRecords requests the proxy received, oldest first: {@code token <t>}, {@code from <f>} or {@code full list}. */
    private static List<String> listRequests() {
        List<ServeEvent> events = new ArrayList<>(proxy.getAllServeEvents());
        Collections.reverse(events);
        List<String> requests = new ArrayList<>();
        for (ServeEvent event : events) {
            var request = event.getRequest();
            if (!"ListRecords".equals(request.queryParameter("verb").firstValue())) {
                continue;
            }
            if (request.queryParameter("resumptionToken").isPresent()) {
                requests.add("token " + request.queryParameter("resumptionToken").firstValue());
            } else if (request.queryParameter("from").isPresent()) {
                requests.add("from " + request.queryParameter("from").firstValue());
            } else {
                requests.add("full list");
            }
        }
        return requests;
    }

    /** The repository has grown: every request goes to the larger catalogue from now on. */
    private static MappingBuilder fromGrown() {
        return any(anyUrl()).atPriority(5).willReturn(aResponse().proxiedFrom(root(grown)));
    }

    private static MappingBuilder token(String token) {
        return get(urlPathEqualTo("/oai")).withQueryParam("resumptionToken", equalTo(token));
    }

    /** The first request with this token gets {@code badResumptionToken}; later ones (a new list's) pass through. */
    private static MappingBuilder onceBad(String token, String scenario) {
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\">\n"
                + "  <responseDate>2026-11-29T02:00:00Z</responseDate>\n"
                + "  <request verb=\"ListRecords\">" + proxy.baseUrl() + "/oai</request>\n"
                + "  <error code=\"badResumptionToken\">The resumptionToken " + token + " has expired</error>\n"
                + "</OAI-PMH>\n";
        return token(token).atPriority(1).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("rejected")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml; charset=UTF-8").withBody(body));
    }

    private static synchronized String startServers() {
        if (proxy == null) {
            first = CityOaiServer.start(FIRST, PAGE_SIZE);
            grown = CityOaiServer.start(GROWN, PAGE_SIZE);
            proxy = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
            proxy.start();
            proxy.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(root(first))));
        }
        return proxy.baseUrl();
    }

    /** The grown repository's token for the page after {@code pagesBefore} pages of the window. */
    private static String windowToken(int pagesBefore) {
        return (FIRST_SIZE - 1 + pagesBefore * PAGE_SIZE) + ":" + GROWN_SIZE + ":" + (FIRST_SIZE - 1);
    }

    private static String root(CityOaiServer server) {
        URI base = server.baseUrl();
        return base.getScheme() + "://" + base.getAuthority();
    }
}
