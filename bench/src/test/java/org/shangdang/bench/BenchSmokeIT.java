package org.shangdang.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shangdang.fixtures.generate.city.CityFiles;

/**
 * The runner end to end at a tiny size: every stage produces the record and query counts it should. Timings
 * are printed, never asserted.
 */
class BenchSmokeIT {

    private static final int N = 200;
    private static final int QUERIES = 300;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @Test
    void generateIngestSearchHarvestReindexAndStartupEachProduceTheExpectedCounts() throws Exception {
        // given a work directory and a runner that finds no service jar (start-up is the service's own IT)
        // when each command runs at N = 200
        Bench generate = bench("generate");
        generate.run();

        // then the files hold every record once per format
        for (CityFiles.Format format : CityFiles.Format.values()) {
            long records = 0;
            for (Path file : CityFiles.files(generate.filesDir(), format)) {
                try (MarcFileRecords raws = MarcFileRecords.open(file, format)) {
                    while (raws.hasNext()) {
                        assertThat(raws.next().recordId()).matches("\\d{6}-\\d{9}");
                        records++;
                    }
                }
            }
            assertThat(records).as(format.toString()).isEqualTo(N);
        }

        Bench ingest = bench("ingest");
        List<Table> ingestTables = ingest.run();
        IngestBench.Result ingested = ingest.lastIngest.orElseThrow();
        assertThat(ingestTables).hasSize(2);
        assertThat(ingested.records()).isEqualTo(N);
        assertThat(ingested.rejected()).isZero();
        assertThat(ingested.rawRecords()).isEqualTo(N);
        assertThat(ingested.joined()).as("records clustered into an earlier record's work").isPositive();
        try (FSDirectory index = FSDirectory.open(Sizes.liveIndex(ingest.indexDir())); DirectoryReader reader = DirectoryReader.open(index)) {
            assertThat(reader.numDocs()).isEqualTo(N);
        }

        Bench search = bench("search", "--threads=1,2");
        search.run();
        List<Latency.Result> results = search.lastSearch;
        assertThat(results).hasSize(4).allSatisfy(r -> {
            assertThat(r.nanos()).hasSize(QUERIES);
            assertThat(r.errors()).isZero();
            assertThat(r.zeroHits()).isLessThan(QUERIES / 2);
        });
        // ours and raw Lucene run the same queries, so exactly the same queries find nothing
        assertThat(results.get(0).zeroHits()).isEqualTo(results.get(2).zeroHits());

        Bench harvest = bench("harvest", "--page-size=50");
        harvest.run();
        HarvestBench.Result harvested = harvest.lastHarvest.orElseThrow();
        assertThat(harvested.records()).isEqualTo(N);
        assertThat(harvested.pages()).isEqualTo(4);
        assertThat(harvested.fetchOnlyRecords()).isEqualTo(N);

        List<Table> startup = bench("startup").run();
        assertThat(startup.get(0).rows()).anyMatch(row -> row.get(0).equals("records in the index") && row.get(1).equals("200"));
        Bench reindex = bench("reindex", "--reindex-batch=64");
        reindex.run();
        ReindexBench.Result reindexed = reindex.lastReindex.orElseThrow();
        assertThat(reindexed.stored()).isEqualTo(N);
        assertThat(reindexed.job().seen()).isEqualTo(N);
        assertThat(reindexed.job().indexed()).isEqualTo(N);
        assertThat(reindexed.job().rejected()).isZero();
        assertThat(reindexed.job().pages()).as("batches of 64").isEqualTo(4);
        assertThat(reindexed.indexed()).isEqualTo(N);
        assertThat(reindexed.works()).as("records clustered").isEqualTo(N);

        // the terminal requests: all four endpoints, barcodes of copies in the data, a few unknown ones
        Bench terminal = bench("terminal");
        List<TerminalBench.Request> requests = TerminalBench.requests(terminal.catalog(),
                QuerySet.generate(terminal.catalog(), QUERIES, terminal.catalog().seed()), terminal.indexDir(), QUERIES,
                terminal.catalog().seed());
        assertThat(requests).hasSize(QUERIES);
        assertThat(requests).extracting(TerminalBench.Request::endpoint).containsAll(List.of(TerminalBench.Endpoint.values()));
        java.util.Set<String> barcodes = new java.util.HashSet<>();
        terminal.catalog().records().forEach(r -> r.copies().forEach(c -> barcodes.add(c.barcode())));
        assertThat(requests).filteredOn(r -> r.endpoint() == TerminalBench.Endpoint.BARCODE && !r.expect404())
                .isNotEmpty()
                .allSatisfy(r -> assertThat(barcodes).contains(r.path().substring("/api/terminal/barcode/".length())));
        assertThat(TerminalBench.holdings(terminal.catalog())).isBetween((long) N, 4L * N);

        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("commit: ", "machine: ", "B1 ingest", "B2 search", "B3 harvest", "B4 re-index", "B5 index size");
    }

    @Test
    void terminalLookupsOverHttpAnswerEveryRequestWithoutErrors() {
        // given the service jar built by catalog-api (skipped without it: bench does not depend on catalog-api)
        Path jar = EsBench.repoRoot().resolve("catalog-api/target/shangdang.jar");
        Assumptions.assumeTrue(Files.isRegularFile(jar), "no service jar at " + jar + "; build catalog-api to run this test");
        bench("generate").run();

        // when the terminal mix runs against it from 1 and 2 clients
        Bench terminal = bench("terminal", "--jar=" + jar, "--threads=1,2", "--terminal-requests=" + QUERIES);
        List<Table> tables = terminal.run();

        // then every request answered 200, or 404 for the unknown barcodes, and each endpoint has its row
        assertThat(terminal.lastTerminal).hasSize(2).allSatisfy(run -> {
            assertThat(run.nanos()).hasSize(QUERIES);
            assertThat(TerminalBench.errors(terminal.lastTerminalRequests, run)).isZero();
        });
        long unknownBarcodes = terminal.lastTerminalRequests.stream().filter(TerminalBench.Request::expect404).count();
        assertThat(tables.get(0).rows()).filteredOn(row -> row.get(0).equals("**all**"))
                .hasSize(2).allSatisfy(row -> {
                    assertThat(row.get(2)).isEqualTo(String.valueOf(QUERIES));
                    assertThat(row.get(8)).isEqualTo("0");
                    assertThat(row.get(9)).isEqualTo(String.valueOf(unknownBarcodes));
                });
        assertThat(tables.get(0).rows()).extracting(row -> row.get(0)).contains("search", "isbn", "barcode", "availability");
    }

    private Bench bench(String command, String... extra) {
        String[] args = new String[6 + extra.length];
        args[0] = command;
        args[1] = "--n=" + N;
        args[2] = "--dir=" + dir;
        args[3] = "--corpus=builtin";
        args[4] = "--queries=" + QUERIES;
        args[5] = "--jar=" + dir.resolve("no-service.jar");
        System.arraycopy(extra, 0, args, 6, extra.length);
        return new Bench(Options.parse(args), new PrintStream(printed, true, StandardCharsets.UTF_8));
    }
}
