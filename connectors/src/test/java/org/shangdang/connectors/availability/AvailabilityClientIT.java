package org.shangdang.connectors.availability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shangdang.fixtures.FixtureSources;

/** Live availability against the fixture endpoints (武乡, 长治, a slow 沁源) and against faults injected in WireMock. */
class AvailabilityClientIT {

    private static final Duration TIMEOUT = Duration.ofMillis(400);
    private static FixtureSources sources;
    private static WireMockServer faulty;
    private static HttpClient http;

    /** A clock tests move forward by hand. */
    private static final class TestClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-29T02:00:00Z"));

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        void advance(Duration by) {
            now.updateAndGet(t -> t.plus(by));
        }
    }

    private final TestClock clock = new TestClock();

    @BeforeAll
    static void start() {
        sources = FixtureSources.start(0);
        faulty = new WireMockServer(options().dynamicPort());
        faulty.start();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    @AfterAll
    static void stop() {
        sources.stop();
        faulty.stop();
    }

    @AfterEach
    void resetFaults() {
        faulty.resetAll();
        sources.resetRequests();
    }

    private AvailabilityClient client() {
        List<AvailabilityEndpoint> endpoints = List.of(
                new AvailabilityEndpoint("wuxiang-county", "武乡县图书馆", sources.availabilityEndpoint("wuxiang-county")),
                new AvailabilityEndpoint("changzhi-city", "长治市图书馆", sources.availabilityEndpoint("changzhi-city")),
                new AvailabilityEndpoint("qinyuan-county", "沁源县图书馆", sources.availabilityEndpoint(FixtureSources.SLOW_AVAILABILITY_LIBRARY)),
                new AvailabilityEndpoint("faulty", "故障图书馆", URI.create(faulty.baseUrl() + "/availability")));
        return new AvailabilityClient(endpoints, http,
                new AvailabilitySettings(TIMEOUT, Duration.ofSeconds(60), Duration.ofSeconds(30), 1000, 50), clock);
    }

    @Test
    void mapsEachLibraryStatusToOneOfFiveAndNamesWhatItDoesNotKnow() {
        // given copies of 武乡县图书馆 in every state, and a barcode it does not have
        AvailabilityClient client = client();
        // when
        Map<String, CopyAvailability> answers = client.lookup("wuxiang-county", List.of("1404290001801", "1404290001802",
                "1404290001821", "1404290001851", "1404290001861", "1404290001882", "9999999999999"));
        // then
        assertThat(answers).extractingFromEntries(e -> e.getValue().status()).containsExactly(
                AvailabilityStatus.AVAILABLE, AvailabilityStatus.ON_LOAN, AvailabilityStatus.IN_TRANSIT,
                AvailabilityStatus.UNAVAILABLE, AvailabilityStatus.UNAVAILABLE, AvailabilityStatus.UNKNOWN,
                AvailabilityStatus.UNKNOWN);
        assertThat(answers.get("1404290001802").dueDate()).contains(LocalDate.parse("2026-12-20"));
        assertThat(answers.get("1404290001802").servicePoint()).contains("悦读长治·八路军太行纪念馆书吧");
        assertThat(answers.get("1404290001821").servicePoint()).contains("蟠龙镇分馆");
        assertThat(answers.get("1404290001851").detail()).contains("lost");
        assertThat(answers.get("1404290001882").detail()).hasValueSatisfying(d -> assertThat(d).contains("stocktaking"));
        assertThat(answers.get("9999999999999").detail()).hasValueSatisfying(d -> assertThat(d).contains("does not know barcode"));
        assertThat(sources.availabilityRequests("wuxiang-county")).singleElement()
                .satisfies(q -> assertThat(q).contains("barcodes=1404290001801%2C1404290001802"));
    }

    @Test
    void aSecondLookupWithinTheCacheTimeIsServedFromTheCacheAndAfterItAsksAgain() {
        AvailabilityClient client = client();
        assertThat(client.lookup("changzhi-city", "1404000000002").cached()).isEqualTo(CopyAvailability.Freshness.LIVE);

        CopyAvailability again = client.lookup("changzhi-city", "1404000000002");
        clock.advance(Duration.ofSeconds(61));
        CopyAvailability later = client.lookup("changzhi-city", "1404000000002");

        assertThat(again.cached()).isEqualTo(CopyAvailability.Freshness.CACHED);
        assertThat(again.status()).isEqualTo(AvailabilityStatus.ON_LOAN);
        assertThat(later.cached()).isEqualTo(CopyAvailability.Freshness.LIVE);
        assertThat(sources.availabilityRequests("changzhi-city")).hasSize(2);
    }

    @Test
    void aSlowLibraryDegradesToUnknownWithinTheTimeoutAndIsNotWaitedForAgainAtOnce() {
        // given 沁源县图书馆, which answers after 5 s
        AvailabilityClient client = client();
        // when
        long started = System.nanoTime();
        CopyAvailability slow = client.lookup("qinyuan-county", "1404310000101");
        long firstMillis = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        CopyAvailability again = client.lookup("qinyuan-county", "1404310000102");
        long secondMillis = (System.nanoTime() - started) / 1_000_000;
        // then
        assertThat(slow.status()).isEqualTo(AvailabilityStatus.UNKNOWN);
        assertThat(slow.detail()).hasValueSatisfying(d -> assertThat(d).contains("沁源县图书馆", "no answer within 400 ms"));
        assertThat(firstMillis).isLessThan(FixtureSources.SLOW_AVAILABILITY_DELAY_MILLIS / 2);
        assertThat(again.status()).isEqualTo(AvailabilityStatus.UNKNOWN);
        assertThat(again.detail()).hasValueSatisfying(d -> assertThat(d).contains("not asked again until"));
        assertThat(secondMillis).isLessThan(TIMEOUT.toMillis());
        // and once the down period has passed, it is asked again
        clock.advance(Duration.ofSeconds(31));
        client.lookup("qinyuan-county", "1404310000102");
        assertThat(sources.availabilityRequests("qinyuan-county")).hasSize(2);
    }

    @Test
    void garbledJsonHttpErrorsAndDroppedConnectionsAllDegradeToUnknownWithTheReason() {
        faulty.stubFor(get(urlPathEqualTo("/availability")).willReturn(aResponse().withBody("<html>维护中</html>")));
        assertThat(client().lookup("faulty", "1").detail()).hasValueSatisfying(d -> assertThat(d).contains("not JSON"));

        faulty.resetAll();
        faulty.stubFor(get(urlPathEqualTo("/availability")).willReturn(aResponse().withBody("{\"items\": {}}")));
        assertThat(client().lookup("faulty", "1").detail()).hasValueSatisfying(d -> assertThat(d).contains("no \"items\" array"));

        faulty.resetAll();
        faulty.stubFor(get(urlPathEqualTo("/availability")).willReturn(aResponse().withStatus(503)));
        assertThat(client().lookup("faulty", "1").detail()).hasValueSatisfying(d -> assertThat(d).contains("HTTP 503"));

        faulty.resetAll();
        faulty.stubFor(get(urlPathEqualTo("/availability")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        CopyAvailability reset = client().lookup("faulty", "1");
        assertThat(reset.status()).isEqualTo(AvailabilityStatus.UNKNOWN);
        assertThat(reset.detail()).hasValueSatisfying(d -> assertThat(d).contains("故障图书馆", "failed"));
    }

    @Test
    void aLibraryWithoutAnEndpointAnswersUnknownRatherThanFailing() {
        CopyAvailability answer = client().lookup("licheng-county", "1404260000001");
        assertThat(answer.status()).isEqualTo(AvailabilityStatus.UNKNOWN);
        assertThat(answer.detail()).hasValueSatisfying(d -> assertThat(d).contains("no availability endpoint", "licheng-county"));
    }
}
