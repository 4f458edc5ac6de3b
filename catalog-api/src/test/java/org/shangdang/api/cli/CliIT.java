package org.shangdang.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.shangdang.fixtures.FixtureScenario;
import org.shangdang.fixtures.FixtureSources;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/**
 * The command line as staff run it: {@code java -jar target/shangdang.jar <command>} in a child process against
 * the WireMock fixture sources, checking exit codes and output.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliIT {

    private static final Path JAR = Path.of("target", "shangdang.jar");
    private static final String CITY = FixtureScenario.CHANGZHI_CITY;

    private FixtureSources fixtures;
    private Path dataDir;

    /** What a finished child process left. */
    record Run(int exit, String out, String err) {}

    @BeforeAll
    void startSources() throws IOException {
        assertThat(JAR).as("the executable jar, built by the package phase before the integration tests").exists();
        fixtures = FixtureSources.start(0);
        dataDir = Files.createTempDirectory("shangdang-cli");
    }

    @AfterAll
    void stopSources() {
        fixtures.stop();
    }

    @Test
    @Order(1)
    void harvestShowsProgressPrintsTheJobSummaryAndExits0() throws Exception {
        Run run = cli(sourceAt(fixtures.oaiEndpoint(CITY).toString()), "", "harvest", CITY, "--full");

        assertThat(run.exit()).as(run.toString()).isZero();
        Matcher summary = Pattern.compile("job (\\d+) " + CITY + " full completed: seen (\\d+), stored \\d+, indexed (\\d+),"
                + " rejected (\\d+), deleted (\\d+)").matcher(run.out());
        assertThat(summary.find()).as(run.out()).isTrue();
        assertThat(Long.parseLong(summary.group(2))).isEqualTo(FixtureSources.changzhiCityListSize());
        assertThat(Long.parseLong(summary.group(3))).isEqualTo(FixtureSources.changzhiCityRecordCount());
        assertThat(summary.group(4)).isEqualTo("1");
        assertThat(run.err()).contains("/" + FixtureSources.changzhiCityListSize() + " records")
                .contains("records/s").contains("ETA ");
    }

    @Test
    @Order(2)
    void jobsListsTheHarvestAndRejectsListsTheMalformedRecordWithItsReason() throws Exception {
        Run jobs = cli(sourceAt(fixtures.oaiEndpoint(CITY).toString()), "", "jobs");
        Run rejects = cli(sourceAt(fixtures.oaiEndpoint(CITY).toString()), "", "rejects", "1");

        assertThat(jobs.exit()).as(jobs.toString()).isZero();
        assertThat(jobs.out()).contains("JOB").containsPattern("(?m)^1\\s+" + CITY + "\\s+full\\s+completed\\s+"
                + FixtureSources.changzhiCityListSize());
        assertThat(rejects.exit()).as(rejects.toString()).isZero();
        assertThat(rejects.out()).contains(CITY + "\t" + FixtureScenario.MALFORMED_RECORD_ID + "\t");
        assertThat(rejects.err()).contains("1 rejects in job 1");
    }

    @Test
    @Order(3)
    void anUnreachableSourceFailsTheJobAndExits1WithTheReason() throws Exception {
        Run run = cli(sourceAt("http://127.0.0.1:1/oai"), "", "harvest", CITY);

        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains(CITY + " incremental failed").contains("error: ");
    }

    @Test
    @Order(4)
    void anUnknownSourceIsAUsageErrorThatNamesIt() throws Exception {
        Run run = cli(sourceAt(fixtures.oaiEndpoint(CITY).toString()), "", "harvest", "nowhere");

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("nowhere").contains(CITY);
    }

    @Test
    @Order(5)
    void reindexRebuildsTheIndexFromTheStoreWithoutAskingTheSource() throws Exception {
        // The source's address is unreachable: a re-index must not need it.
        Run all = cli(sourceAt("http://127.0.0.1:1/oai"), "", "reindex");
        Run one = cli(sourceAt("http://127.0.0.1:1/oai"), "", "reindex", CITY);
        Run unknown = cli(sourceAt("http://127.0.0.1:1/oai"), "", "reindex", "nowhere");

        assertThat(all.exit()).as(all.toString()).isZero();
        assertThat(all.out()).containsPattern("job \\d+ \\* reindex completed: seen "
                + FixtureSources.changzhiCityListSize() + ", indexed " + FixtureSources.changzhiCityRecordCount()
                + ", rejected 1, deleted 1");
        assertThat(one.exit()).as(one.toString()).isZero();
        assertThat(one.out()).contains(CITY + " reindex completed").contains("indexed "
                + FixtureSources.changzhiCityRecordCount());
        assertThat(unknown.exit()).as(unknown.toString()).isEqualTo(2);
        assertThat(unknown.err()).contains("nowhere");
    }

    @Test
    @Order(6)
    void hashSecretHashesTheStandardInputAndGeneratesKeys() throws Exception {
        Run hashed = cli(List.of(), "s3cret-长治\n", "hash-secret");
        Run generated = cli(List.of(), "", "hash-secret", "--generate-key");

        assertThat(hashed.exit()).isZero();
        String hash = hashed.out().strip();
        assertThat(hash).startsWith("{bcrypt}$2a$").doesNotContain("s3cret");
        assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder().matches("s3cret-长治", hash)).isTrue();
        assertThat(generated.exit()).isZero();
        String key = generated.out().lines().filter(l -> l.startsWith("key:")).findFirst().orElseThrow().substring(4).strip();
        String keyHash = generated.out().lines().filter(l -> l.startsWith("hash:")).findFirst().orElseThrow().substring(5).strip();
        assertThat(key).hasSizeGreaterThanOrEqualTo(40);
        assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder().matches(key, keyHash)).isTrue();
    }

    private List<String> sourceAt(String baseUrl) {
        return List.of(
                "-Dshangdang.data-dir=" + dataDir,
                "-Dshangdang.harvest.retry.max-attempts=1",
                "-Dshangdang.sources[0].id=" + CITY,
                "-Dshangdang.sources[0].library=长治市图书馆",
                "-Dshangdang.sources[0].oaipmh.base-url=" + baseUrl,
                "-Dshangdang.sources[0].oaipmh.metadata-prefix=marcxml");
    }

    private static Run cli(List<String> systemProperties, String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dfile.encoding=UTF-8");
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(systemProperties);
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(List.of(args));
        File out = File.createTempFile("cli-out", ".txt");
        File err = File.createTempFile("cli-err", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out).redirectError(err).start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("'" + String.join(" ", args) + "' did not end within 5 minutes");
        }
        return new Run(process.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
    }
}
