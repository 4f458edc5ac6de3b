package org.shangdang.connectors.cloud;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shangdang.connectors.oaipmh.RetryPolicy;

/**
 * The harvester's handling of failures that may pass and failures that may not, against WireMock stubs written
 * here for each case (the shared fixtures serve the realistic scenarios; see CloudFixtureHarvestIT).
 */
class CloudHarvesterResilienceIT {

    private static final String NATIONAL_TOKEN = "{\"code\":0,\"msg\":\"success\",\"data\":{\"accessToken\":\"t-%s\",\"tokenType\":\"Bearer\",\"expiresIn\":%d}}";
    private static final String NATIONAL_PAGE = "{\"code\":0,\"msg\":\"success\",\"data\":{\"total\":1,\"pageNo\":1,\"pageSize\":10,\"list\":["
            + "{\"resourceId\":\"V1\",\"resourceType\":\"VIDEO\",\"title\":\"上党梆子《打金枝》\",\"updateTime\":1718848800000}]}}";
    private static final String SHANXI_TOKEN = "{\"success\":true,\"code\":200,\"message\":\"操作成功\",\"result\":{\"access_token\":\"%s\",\"expires_in\":3600}}";
    private static final String SHANXI_PAGE = "{\"success\":true,\"code\":200,\"message\":\"\",\"result\":{\"records\":["
            + "{\"id\":\"17\",\"res_type\":\"2\",\"res_name\":\"长子鼓书\",\"update_time\":\"2024-06-01 08:00:00\",\"del_flag\":0}],"
            + "\"total\":1,\"size\":10,\"current\":1,\"pages\":1}}";

    private final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final HttpClient http = HttpClient.newHttpClient();
    private final RetryPolicy retry = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(200));

    @BeforeEach
    void start() {
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private CloudSource national() {
        return new CloudSource("national-cloud", CloudPlatform.NATIONAL, URI.create(server.baseUrl() + "/api"),
                new CloudCredentials("client", "s3cret"), 10);
    }

    private CloudSource shanxi() {
        return new CloudSource("shanxi-cloud", CloudPlatform.SHANXI, URI.create(server.baseUrl() + "/jeecg"),
                new CloudCredentials("key", "s3cret"), 10);
    }

    private List<CloudPage> harvest(CloudSource source, Clock clock) {
        List<CloudPage> pages = new ArrayList<>();
        try (CloudHarvester harvester = CloudHarvester.open(source, CloudQuery.all(), retry, http, Duration.ofSeconds(5), clock)) {
            harvester.forEachRemaining(pages::add);
        }
        return pages;
    }

    private void nationalToken(String token, int expiresIn) {
        server.stubFor(post(urlPathEqualTo("/api/oauth2/token")).willReturn(okJson(NATIONAL_TOKEN.formatted(token, expiresIn))));
    }

    @Test
    void transientServerErrorsAreRetriedUntilThePageComes() {
        // given a resource endpoint that fails twice with 502 and 500, then answers
        nationalToken("a", 7200);
        String scenario = "flaky";
        server.stubFor(get(urlPathEqualTo("/api/open/v1/resources")).inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("one").willReturn(aResponse().withStatus(502)));
        server.stubFor(get(urlPathEqualTo("/api/open/v1/resources")).inScenario(scenario)
                .whenScenarioStateIs("one").willSetStateTo("two").willReturn(aResponse().withStatus(500)));
        server.stubFor(get(urlPathEqualTo("/api/open/v1/resources")).inScenario(scenario)
                .whenScenarioStateIs("two").willReturn(okJson(NATIONAL_PAGE)));

        // when harvested with three attempts per request
        List<CloudPage> pages = harvest(national(), Clock.systemUTC());

        // then the third attempt's page is the harvest
        assertThat(pages).singleElement().satisfies(p -> assertThat(p.records()).extracting(r -> r.recordId()).containsExactly("V1"));
        server.verify(3, getRequestedFor(urlPathEqualTo("/api/open/v1/resources")));
    }

    @Test
    void aServerThatKeepsFailingStopsTheHarvestAfterTheLastAttempt() {
        nationalToken("a", 7200);
        server.stubFor(get(urlPathEqualTo("/api/open/v1/resources")).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> harvest(national(), Clock.systemUTC()))
                .isInstanceOf(CloudException.class)
                .hasMessageContaining("national-cloud")
                .hasMessageContaining("failed after 3 attempt(s); last: HTTP 503");
        server.verify(3, getRequestedFor(urlPathEqualTo("/api/open/v1/resources")));
    }

    @Test
    void aRetryAfterLongerThanTheCapIsWaitedOnlyUpToTheCap() {
        // given a cloud that asks for an hour's pause once
        nationalToken("a", 7200);
        server.stubFor(get(urlPathEqualTo("/api/open/v1/resources")).inScenario("slow")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("ok")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));
        server.stubFor(get(urlPathEqualTo("/api/open/v1/resources")).inScenario("slow")
                .whenScenarioStateIs("ok").willReturn(okJson(NATIONAL_PAGE)));

        // when harvested with a 200 ms cap on Retry-After
        long started = System.nanoTime();
        List<CloudPage> pages = harvest(national(), Clock.systemUTC());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // then it waited the cap, not the hour
        assertThat(pages).hasSize(1);
        assertThat(took).isBetween(Duration.ofMillis(200), Duration.ofSeconds(10));
    }

    @Test
    void aBodyLevelTokenExpiryIsAnsweredWithOneRenewal() {
        // given the Shanxi cloud, which answers HTTP 200 {success:false,code:401} for the stale token
        server.stubFor(post(urlPathEqualTo("/jeecg/sys/openapi/token")).inScenario("tokens")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("second")
                .willReturn(okJson(SHANXI_TOKEN.formatted("stale"))));
        server.stubFor(post(urlPathEqualTo("/jeecg/sys/openapi/token")).inScenario("tokens")
                .whenScenarioStateIs("second").willReturn(okJson(SHANXI_TOKEN.formatted("fresh"))));
        server.stubFor(get(urlPathEqualTo("/jeecg/openapi/resource/list")).withHeader("X-Access-Token", equalTo("stale"))
                .willReturn(okJson("{\"success\":false,\"code\":401,\"message\":\"Token失效，请重新登录!\"}")));
        server.stubFor(get(urlPathEqualTo("/jeecg/openapi/resource/list")).withHeader("X-Access-Token", equalTo("fresh"))
                .willReturn(okJson(SHANXI_PAGE)));

        List<CloudPage> pages = harvest(shanxi(), Clock.systemUTC());

        assertThat(pages).singleElement().satisfies(p -> assertThat(p.records()).hasSize(1));
        server.verify(2, postRequestedFor(urlPathEqualTo("/jeecg/sys/openapi/token")));
    }

    @Test
    void aTokenRefusedAgainRightAfterRenewalStopsTheHarvestInsteadOfLooping() {
        nationalToken("a", 7200);
        server.stubFor(get(urlPathEqualTo("/api/open/v1/resources"))
                .willReturn(aResponse().withStatus(401).withBody("{\"code\":40101,\"msg\":\"无权访问该资源\"}")));

        assertThatThrownBy(() -> harvest(national(), Clock.systemUTC()))
                .isInstanceOf(CloudException.class)
                .hasMessageContaining("access token refused (HTTP 401, code 40101: 无权访问该资源) again right after a new token");
        server.verify(2, postRequestedFor(urlPathEqualTo("/api/oauth2/token")));
        server.verify(2, getRequestedFor(urlPathEqualTo("/api/open/v1/resources")));
    }

    @Test
    void aTokenAboutToExpireIsRenewedBeforeTheNextPage() {
        // given tokens that live 30 s, less than the renewal margin, and a two-page list
        nationalToken("short", 30);
        server.stubFor(get(urlPathEqualTo("/api/open/v1/resources")).willReturn(okJson(
                "{\"code\":0,\"msg\":\"ok\",\"data\":{\"total\":2,\"pageNo\":1,\"pageSize\":1,\"list\":[{\"resourceId\":\"V1\","
                        + "\"resourceType\":\"VIDEO\",\"title\":\"t\",\"updateTime\":1718848800000}]}}")));

        List<CloudPage> pages = harvest(national(), Clock.fixed(Instant.parse("2024-06-20T00:00:00Z"), ZoneOffset.UTC));

        // then each page request went out with a token issued for it
        assertThat(pages).hasSize(2);
        server.verify(2, postRequestedFor(urlPathEqualTo("/api/oauth2/token")));
    }

    @Test
    void aClientErrorFailsAtOnceWithTheCloudsMessage() {
        nationalToken("a", 7200);
        server.stubFor(get(urlPathEqualTo("/api/open/v1/resources"))
                .willReturn(aResponse().withStatus(400).withBody("{\"code\":40003,\"msg\":\"pageSize超出范围\"}")));

        assertThatThrownBy(() -> harvest(national(), Clock.systemUTC()))
                .isInstanceOf(CloudException.class)
                .hasMessageContaining("HTTP 400 (code 40003: pageSize超出范围)");
        server.verify(1, getRequestedFor(urlPathEqualTo("/api/open/v1/resources")));
    }
}
