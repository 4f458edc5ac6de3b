package org.shangdang.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
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
    void generateIngestSearchHarvestAndStartupEachProduceTheExpectedCounts() throws Exception {
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
        assertThat(bench("reindex").run().get(0).rows().get(0).get(0)).isEqualTo("not available yet");

        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("commit: ", "machine: ", "B1 ingest", "B2 search", "B3 harvest", "B5 index size");
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
