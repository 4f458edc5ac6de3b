package org.shangdang.routes.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.shangdang.routes.HarvestJobs;
import org.shangdang.routes.SourceCircuitOpenException;
import org.shangdang.routes.breaker.CircuitState;
import org.shangdang.routes.breaker.SourceCircuit;
import org.shangdang.routes.breaker.SourceCircuits;
import org.shangdang.routes.config.CircuitBreakerProperties;
import org.shangdang.routes.store.CircuitStore;
import org.shangdang.routes.store.HarvestMode;
import org.shangdang.routes.store.JobState;
import org.shangdang.routes.store.JobStatus;
import org.shangdang.routes.store.RecordStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two sources: one scheduled every second whose server answers HTTP 500 to everything, one that works, harvested
 * meanwhile. The failing one breaks after two failed jobs, its scheduled harvests are then skipped without a request
 * and a manual start is refused; after the cool-down and the server's recovery, the scheduled trial harvest closes
 * the circuit.
 */
@SpringBootTest(classes = HarvestTestApplication.class, properties = {
        "shangdang.harvest.circuit-breaker.failure-threshold=2",
        "shangdang.harvest.circuit-breaker.cool-down=4s"})
@ExtendWith(OutputCaptureExtension.class)
class SourceCircuitBreakerIT {

    private static final String BAD = "failing-county";
    private static final String GOOD = "working-city";
    private static final Duration COOL_DOWN = Duration.ofSeconds(4);

    @TempDir
    static Path indexes;

    private static WireMockServer server;

    @Autowired
    HarvestJobs jobs;
    @Autowired
    RecordStore store;
    @Autowired
    SourceCircuits circuits;
    @Autowired
    DataSource dataSource;

    @BeforeAll
    static void startServer() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(get(urlPathEqualTo("/good/oai")).willReturn(aResponse()
                .withHeader("Content-Type", "text/xml; charset=UTF-8")
                .withBody(TinySources.oaiPage(List.of("g-1", "g-2"), Optional.empty()))));
        server.stubFor(get(urlPathEqualTo("/bad/oai")).willReturn(aResponse().withStatus(500).withBody("boom")));
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @DynamicPropertySource
    static void sources(DynamicPropertyRegistry registry) {
        registry.add("test.index-parent", () -> indexes.toString());
        registry.add("shangdang.sources[0].id", () -> BAD);
        registry.add("shangdang.sources[0].library", () -> "某县图书馆");
        registry.add("shangdang.sources[0].schedule", () -> "* * * * * ?");
        registry.add("shangdang.sources[0].oaipmh.base-url", () -> server.baseUrl() + "/bad/oai");
        registry.add("shangdang.sources[1].id", () -> GOOD);
        registry.add("shangdang.sources[1].library", () -> "长治市图书馆");
        registry.add("shangdang.sources[1].oaipmh.base-url", () -> server.baseUrl() + "/good/oai");
    }

    @Test
    void aSourceThatKeepsFailingIsBrokenSkippedAndClosedAgainByATrialAfterItsCoolDown(CapturedOutput output)
            throws InterruptedException {
        // given the failing source's schedule running: its jobs fail (its retries exhausted on HTTP 500)
        awaitTrue(Duration.ofSeconds(40), () -> circuits.circuit(BAD).state() != CircuitState.CLOSED);

        // when the other source is harvested meanwhile
        JobStatus good = jobs.harvest(GOOD, HarvestMode.FULL);

        // then it is not affected: it completes with its records
        assertThat(good.state()).isEqualTo(JobState.COMPLETED);
        assertThat(good.seen()).isEqualTo(2);
        assertThat(circuits.circuit(GOOD).state()).isEqualTo(CircuitState.CLOSED);

        // the
        // schedules start with the application, so a slow start may already have seen a cool-down and a failed trial:
        // wait for an opening with most of its cool-down ahead
        awaitTrue(Duration.ofSeconds(40), () -> {
            SourceCircuit c = circuits.circuit(BAD);
            return c.state() == CircuitState.OPEN
                    && Duration.between(Instant.now(), c.openUntil().orElseThrow()).toMillis() > 2500;
        });

        // then after (at least) two failed jobs its circuit is open, with the reason and the end of the cool-down
        SourceCircuit open = circuits.circuit(BAD);
        assertThat(open.consecutiveFailures()).isGreaterThanOrEqualTo(2);
        assertThat(open.reason()).hasValueSatisfying(r -> assertThat(r)
                .contains(open.consecutiveFailures() + " consecutive failed harvests").contains("HTTP 500"));
        assertThat(store.jobs(Optional.of(BAD), 0, open.consecutiveFailures())).extracting(JobStatus::state)
                .containsOnly(JobState.FAILED);
        assertThat(open.openUntil()).hasValue(open.openedAt().orElseThrow().plus(COOL_DOWN));
        assertThat(store.latestJob(BAD)).hasValueSatisfying(j -> assertThat(j.state()).isEqualTo(JobState.FAILED));
        // the state is in the record store: what a restarted application reads
        assertThat(new SourceCircuits(new CircuitStore(dataSource), new CircuitBreakerProperties(2, COOL_DOWN),
                Clock.systemUTC()).circuit(BAD)).isEqualTo(open);

        // when its schedule fires while it is open, and staff start it by hand
        int requestsWhenOpened = badRequests();
        long jobsWhenOpened = store.jobCount(Optional.of(BAD));
        Throwable manual = catchThrowable(() -> jobs.harvest(BAD, HarvestMode.INCREMENTAL));
        awaitTrue(Duration.ofSeconds(3), () -> output.getAll().contains("scheduled harvest skipped: source '" + BAD
                + "' is circuit-broken until"));
        sleepUntil(open.openUntil().orElseThrow().minusMillis(1500));

        // then the manual start is refused naming source, reason and end; the schedule ran no job and sent no request
        assertThat(manual).isInstanceOf(SourceCircuitOpenException.class)
                .hasMessageContaining("source '" + BAD + "' is circuit-broken until " + open.openUntil().orElseThrow())
                .hasMessageContaining("HTTP 500");
        assertThat(badRequests()).isEqualTo(requestsWhenOpened);
        assertThat(store.jobCount(Optional.of(BAD))).isEqualTo(jobsWhenOpened);

        // when the server recovers and the cool-down ends
        server.stubFor(get(urlPathEqualTo("/bad/oai")).willReturn(aResponse()
                .withHeader("Content-Type", "text/xml; charset=UTF-8")
                .withBody(TinySources.oaiPage(List.of("b-1"), Optional.empty()))));
        awaitTrue(Duration.ofSeconds(20), () -> circuits.circuit(BAD).state() == CircuitState.CLOSED);

        // then the scheduled trial harvest completed and closed the circuit, its count reset
        assertThat(store.latestJob(BAD, JobState.COMPLETED)).hasValueSatisfying(j -> {
            assertThat(j.startedAt()).isAfterOrEqualTo(open.openUntil().orElseThrow().minusMillis(1));
            assertThat(j.seen()).isEqualTo(1);
        });
        assertThat(circuits.circuit(BAD).consecutiveFailures()).isZero();
        assertThat(circuits.circuit(BAD).reason()).isEmpty();
    }

    private static int badRequests() {
        return server.countRequestsMatching(getRequestedFor(urlPathEqualTo("/bad/oai")).build()).getCount();
    }

    private static void awaitTrue(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not true within " + timeout);
            }
            Thread.sleep(50);
        }
    }

    private static void sleepUntil(Instant when) throws InterruptedException {
        long millis = Duration.between(Instant.now(), when).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}
