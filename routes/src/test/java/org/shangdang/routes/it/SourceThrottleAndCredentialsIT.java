package org.shangdang.routes.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Notifier;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.shangdang.routes.HarvestJobs;
import org.shangdang.routes.RoutesAutoConfiguration;
import org.shangdang.routes.config.SourcesProperties;
import org.shangdang.routes.http.SourceHttp;
import org.shangdang.routes.store.HarvestMode;
import org.shangdang.routes.store.JobState;
import org.shangdang.routes.store.JobStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A source's throttle and credentials on every request it is sent, over OAI-PMH and SRU: WireMock records when each
 * request arrived and with which headers. The environment the credentials are read from is a map here (the
 * application reads {@code System.getenv}); logs are captured at TRACE to prove the secret never reaches them.
 */
@SpringBootTest(classes = HarvestTestApplication.class, properties = {
        "logging.level.org.shangdang=TRACE",
        "logging.level.org.apache.camel=DEBUG"})
@Import(SourceThrottleAndCredentialsIT.TestEnvironment.class)
@ExtendWith(OutputCaptureExtension.class)
class SourceThrottleAndCredentialsIT {

    private static final String OAI = "throttled-oai";
    private static final String SRU = "throttled-sru";
    private static final double RATE = 5;
    private static final long INTERVAL_MS = 200;
    private static final String USER = "czlib-harvester";
    private static final String PASSWORD = "Pw-9f2c!长治-secret";
    private static final String TOKEN = "tok-51e0c8d2a9b7-secret";
    private static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

    @TempDir
    static Path indexes;

    private static WireMockServer server;

    @Autowired
    HarvestJobs jobs;

    @BeforeAll
    static void startServer() {
        // Silent: WireMock's own console would print unmatched requests with their headers, which is not our log.
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().notifier(new Silent()));
        server.start();
        server.stubFor(get(urlPathEqualTo("/oai")).withQueryParam("metadataPrefix", equalTo("oai_dc"))
                .withHeader("Authorization", equalTo(BASIC))
                .willReturn(xml(TinySources.oaiPage(List.of("t-1", "t-2"), Optional.of("p2")))));
        server.stubFor(get(urlPathEqualTo("/oai")).withQueryParam("resumptionToken", equalTo("p2"))
                .withHeader("Authorization", equalTo(BASIC))
                .willReturn(xml(TinySources.oaiPage(List.of("t-3", "t-4"), Optional.of("p3")))));
        server.stubFor(get(urlPathEqualTo("/oai")).withQueryParam("resumptionToken", equalTo("p3"))
                .withHeader("Authorization", equalTo(BASIC))
                .willReturn(xml(TinySources.oaiPage(List.of("t-5"), Optional.empty()))));
        for (int start = 1; start <= 5; start += 2) {
            Optional<Integer> next = start + 2 <= 5 ? Optional.of(start + 2) : Optional.empty();
            server.stubFor(get(urlPathEqualTo("/sru")).withQueryParam("startRecord", equalTo(String.valueOf(start)))
                    .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                    .willReturn(xml(TinySources.sruPage(6, List.of(
                            TinySources.sruDcRecord(start, Optional.of("s-" + start), Optional.of("上党记 " + start)),
                            TinySources.sruDcRecord(start + 1, Optional.of("s-" + (start + 1)),
                                    Optional.of("上党记 " + (start + 1)))), next))));
        }
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @DynamicPropertySource
    static void sources(DynamicPropertyRegistry registry) {
        registry.add("test.index-parent", () -> indexes.toString());
        registry.add("shangdang.sources[0].id", () -> OAI);
        registry.add("shangdang.sources[0].library", () -> "长治市图书馆");
        registry.add("shangdang.sources[0].throttle", () -> String.valueOf(RATE));
        registry.add("shangdang.sources[0].oaipmh.base-url", () -> server.baseUrl() + "/oai");
        registry.add("shangdang.sources[0].credentials.username-env", () -> "CZ_OAI_USER");
        registry.add("shangdang.sources[0].credentials.password-env", () -> "CZ_OAI_PASSWORD");
        registry.add("shangdang.sources[1].id", () -> SRU);
        registry.add("shangdang.sources[1].library", () -> "武乡县图书馆");
        registry.add("shangdang.sources[1].protocol", () -> "sru");
        registry.add("shangdang.sources[1].throttle", () -> String.valueOf(RATE));
        registry.add("shangdang.sources[1].sru.base-url", () -> server.baseUrl() + "/sru");
        registry.add("shangdang.sources[1].sru.record-schema", () -> "dc");
        registry.add("shangdang.sources[1].sru.maximum-records", () -> "2");
        registry.add("shangdang.sources[1].credentials.token-env", () -> "WX_SRU_TOKEN");
    }

    /** The environment variables the sources name, as the process environment would hold them. */
    @TestConfiguration(proxyBeanMethods = false)
    static class TestEnvironment {
        @Bean
        SourceHttp sourceHttp(@Qualifier(RoutesAutoConfiguration.HTTP_CLIENT) HttpClient http,
                SourcesProperties sources) {
            Map<String, String> environment = Map.of("CZ_OAI_USER", USER, "CZ_OAI_PASSWORD", PASSWORD,
                    "WX_SRU_TOKEN", TOKEN);
            return new SourceHttp(http, sources, environment::get);
        }
    }

    @Test
    void everyRequestOfEachProtocolKeepsTheThrottleAndCarriesTheCredentialsAndNoSecretIsLogged(CapturedOutput output) {
        // given two sources throttled to 5 requests/s, one with HTTP Basic, one with a bearer token

        // when both are harvested in full, one after the other
        JobStatus oai = jobs.harvest(OAI, HarvestMode.FULL);
        JobStatus sru = jobs.harvest(SRU, HarvestMode.FULL);

        // then both completed with every record
        assertThat(oai.state()).isEqualTo(JobState.COMPLETED);
        assertThat(oai.seen()).isEqualTo(5);
        assertThat(sru.state()).isEqualTo(JobState.COMPLETED);
        assertThat(sru.seen()).isEqualTo(6);
        // each source's requests arrived at least one interval apart (less a little for timer and network jitter)
        for (String path : List.of("/oai", "/sru")) {
            List<ServeEvent> requests = server.getAllServeEvents().stream()
                    .filter(e -> e.getRequest().getUrl().startsWith(path))
                    .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate())).toList();
            assertThat(requests).as(path).hasSize(3);
            for (int i = 1; i < requests.size(); i++) {
                long gap = requests.get(i).getRequest().getLoggedDate().getTime()
                        - requests.get(i - 1).getRequest().getLoggedDate().getTime();
                assertThat(gap).as("%s request %d came %d ms after the one before", path, i + 1, gap)
                        .isGreaterThanOrEqualTo(INTERVAL_MS * 8 / 10);
            }
            // and every one carried the source's credential (the stubs match only with it)
            assertThat(requests).allSatisfy(e -> assertThat(e.getWasMatched()).isTrue());
        }
        // the harvests were logged at TRACE/DEBUG, and no form of a secret is in the log
        String logs = output.getAll();
        assertThat(logs).contains("harvest job " + oai.id() + " of " + OAI + " completed")
                .contains("harvest job " + sru.id() + " of " + SRU + " completed");
        assertThat(logs).doesNotContain(PASSWORD).doesNotContain(TOKEN)
                .doesNotContain(BASIC.substring("Basic ".length()))
                .doesNotContain(Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anUnsetCredentialVariableStopsStartupNamingTheSourceAndTheVariable() {
        // given a source whose password variable is not set in the environment
        SourcesProperties sources = new SourcesProperties(List.of(jobsSourceWithCredentials()));

        // when its HTTP client is built, as at start-up
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> new SourceHttp(HttpClient.newHttpClient(),
                sources, Map.of("CZ_OAI_USER", USER)::get));

        // then start-up stops with a message naming the source and the variable
        assertThat(thrown).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("source '" + OAI + "' needs CZ_OAI_PASSWORD")
                .hasMessageNotContaining(USER);
    }

    private static org.shangdang.routes.config.SourceProperties jobsSourceWithCredentials() {
        return new org.shangdang.routes.config.SourceProperties(OAI, null, "长治市图书馆", null,
                org.shangdang.routes.config.Protocol.OAIPMH,
                new org.shangdang.routes.config.OaiPmhProperties(java.net.URI.create(server.baseUrl() + "/oai"),
                        "oai_dc", null, null),
                null, null, null, null, null, null, null, true, 0,
                new org.shangdang.routes.config.SourceCredentials("CZ_OAI_USER", "CZ_OAI_PASSWORD", null));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder xml(String body) {
        return aResponse().withHeader("Content-Type", "text/xml; charset=UTF-8").withBody(body);
    }

    private static final class Silent implements Notifier {
        @Override
        public void info(String message) {}

        @Override
        public void error(String message) {}

        @Override
        public void error(String message, Throwable t) {}
    }
}
