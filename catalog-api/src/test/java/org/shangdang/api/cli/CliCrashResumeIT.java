package org.shangdang.api.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.shangdang.fixtures.FixtureScenario;
import org.shangdang.fixtures.FixtureSources;
import org.shangdang.indexer.SearchQuery;
import org.shangdang.indexer.SearchResult;
import org.shangdang.indexer.lucene.LuceneSearchIndex;

/**
 * Crash safety with a real process: {@code java -jar shangdang.jar harvest} of 长治市图书馆 (every page served
 * 1.5 s late) is killed with SIGKILL once it has committed two pages; the next run resumes from the checkpoint's
 * resumption token, and the index then holds every record of the source exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliCrashResumeIT {

    private static final Path JAR = Path.of("target", "shangdang.jar");
    private static final String CITY = FixtureScenario.CHANGZHI_CITY;

    private FixtureSources fixtures;
    private WireMockServer slowProxy;
    private WireMockServer resumeProxy;
    private Path dataDir;

    @BeforeAll
    void startSources() throws Exception {
        assertThat(JAR).as("the executable jar, built by the package phase before the integration tests").exists();
        fixtures = FixtureSources.start(0);
        slowProxy = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        slowProxy.start();
        slowProxy.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(fixtures.baseUrl().toString())
                .withFixedDelay(1500)));
        // The resumed run talks to its own proxy: a request the killed process left in flight on the slow one
        // reaches the source late and must not be counted as the resumed run's.
        resumeProxy = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        resumeProxy.start();
        resumeProxy.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(fixtures.baseUrl().toString())));
        dataDir = Files.createTempDirectory("shangdang-crash");
    }

    @AfterAll
    void stopSources() {
        slowProxy.stop();
        resumeProxy.stop();
        fixtures.stop();
    }

    @Test
    void aHarvestKilledWithSigkillResumesFromItsCheckpointAndTheIndexHoldsEachRecordOnce() throws Exception {
        // given a harvest in a child process, killed with SIGKILL after its second page was committed
        File err = File.createTempFile("crash-err", ".txt");
        Process first = new ProcessBuilder(command(slowProxy, "harvest", CITY, "--full", "--progress=lines"))
                .redirectOutput(File.createTempFile("crash-out", ".txt")).redirectError(err).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (!Files.readString(err.toPath(), StandardCharsets.UTF_8).contains("page 2,")) {
            assertThat(first.isAlive()).as("the harvest is still running: %s", Files.readString(err.toPath())).isTrue();
            assertThat(System.nanoTime()).as("page 2 within 4 minutes").isLessThan(deadline);
            Thread.sleep(20);
        }
        first.destroyForcibly();
        assertThat(first.waitFor(1, TimeUnit.MINUTES)).isTrue();

        // when the harvest runs again, incrementally
        Process second = new ProcessBuilder(command(resumeProxy, "harvest", CITY))
                .redirectOutput(ProcessBuilder.Redirect.PIPE).redirectErrorStream(true).start();
        String output = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(second.waitFor(4, TimeUnit.MINUTES)).isTrue();

        // then it completes, having resumed the list at the checkpoint's token
        assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        assertThat(second.exitValue()).as(output).isZero();
        assertThat(output).contains(CITY + " incremental completed");
        List<String> resumed = new ArrayList<>(resumeProxy.getAllServeEvents().stream()
                .map(event -> event.getRequest().getUrl()).filter(url -> url.contains("ListRecords")).toList());
        Collections.reverse(resumed);
        assertThat(resumed).as("the resumed run's list requests").isNotEmpty();
        assertThat(resumed.get(0)).contains("resumptionToken=");
        assertThat(resumed).as("only the pages after the checkpoint of page 2: %s", resumed).hasSizeLessThanOrEqualTo(3);
        // and the killed job is marked failed, the resumed one completed
        // (ids need not be consecutive: H2 pre-allocates identity values, and a killed process loses them)
        assertThat(jobStates()).containsExactly("FAILED", "COMPLETED");
        // and the index holds every record of the source exactly once
        try (LuceneSearchIndex index = LuceneSearchIndex.open(dataDir.resolve("index"))) {
            Set<String> ids = new HashSet<>();
            List<String> duplicates = new ArrayList<>();
            for (int page = 1; ; page++) {
                SearchResult result = index.search(new SearchQuery("", Map.of(), page, 100));
                for (SearchResult.Hit hit : result.hits()) {
                    if (!ids.add(hit.id())) {
                        duplicates.add(hit.id());
                    }
                }
                if (result.hits().size() < 100) {
                    break;
                }
            }
            assertThat(duplicates).isEmpty();
            assertThat(ids).hasSize(FixtureSources.changzhiCityRecordCount());
            assertThat(index.count()).isEqualTo(FixtureSources.changzhiCityRecordCount());
            assertThat(ids).doesNotContain(CITY + ":" + FixtureScenario.DELETED_RECORD_ID,
                    CITY + ":" + FixtureScenario.MALFORMED_RECORD_ID);
        }
    }

    /** The states of the jobs in the record store, oldest first. */
    private List<String> jobStates() throws Exception {
        List<String> states = new ArrayList<>();
        String url = "jdbc:h2:file:" + dataDir.resolve("store") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                ResultSet rows = connection.createStatement().executeQuery("SELECT id, state FROM job ORDER BY id")) {
            while (rows.next()) {
                states.add(rows.getString(2));
            }
        }
        return states;
    }

    private List<String> command(WireMockServer proxy, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dfile.encoding=UTF-8",
                "-XX:TieredStopAtLevel=1",
                "-Dshangdang.data-dir=" + dataDir,
                "-Dshangdang.sources[0].id=" + CITY,
                "-Dshangdang.sources[0].library=长治市图书馆",
                "-Dshangdang.sources[0].oaipmh.base-url=http://127.0.0.1:" + proxy.port() + "/" + CITY + "/oai",
                "-Dshangdang.sources[0].oaipmh.metadata-prefix=marcxml",
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return command;
    }
}
