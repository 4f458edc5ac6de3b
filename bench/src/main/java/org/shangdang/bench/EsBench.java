package org.shangdang.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.shangdang.connectors.Crosswalks;
import org.shangdang.fixtures.generate.city.CityFiles;
import org.shangdang.indexer.elasticsearch.ElasticsearchSearchIndex;
import org.shangdang.indexer.elasticsearch.ElasticsearchSettings;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.RecordRejectedException;
import org.shangdang.record.SourceInfo;

/**
 * The Elasticsearch comparison: the same export files crosswalked and upserted into
 * {@link ElasticsearchSearchIndex} (alias {@code shangdang-bench-n<N>-s<seed>}), then the same query set through
 * the same {@link org.shangdang.indexer.SearchIndex} contract. Runs only where a cluster answers: {@code --es-url},
 * else what {@code scripts/elasticsearch.sh url} prints. Not thread-safe.
 */
final class EsBench {

    private EsBench() {
    }

    /** The cluster to use, if any. */
    static Optional<URI> url(Options options) {
        if (options.value("es-url").isPresent()) {
            return options.value("es-url").map(URI::create);
        }
        Path script = repoRoot().resolve("scripts/elasticsearch.sh");
        if (!Files.isExecutable(script)) {
            return Optional.empty();
        }
        try {
            Process process = new ProcessBuilder(script.toString(), "url").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0 && out.startsWith("http")) {
                return Optional.of(URI.create(out.lines().reduce((a, b) -> b).orElse(out)));
            }
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    /** The clone's root: the nearest directory up from here holding {@code scripts/elasticsearch.sh}. */
    static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.exists(dir.resolve("scripts/elasticsearch.sh"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        return Path.of("").toAbsolutePath();
    }

    /** Ingests the files and runs the queries; returns the ingest table and the latency results. */
    static List<Object> run(URI url, String alias, List<Path> files, CityFiles.Format format, QuerySet queries,
            List<Integer> threadCounts) {
        Crosswalks crosswalks = Crosswalks.standard();
        ElasticsearchSettings settings = ElasticsearchSettings.of(url).withIndexAlias(alias);
        try (ElasticsearchSearchIndex index = ElasticsearchSearchIndex.open(settings)) {
            long records = 0;
            long started = System.nanoTime();
            List<CanonicalRecord> batch = new ArrayList<>(settings.bulkSize());
            for (Path file : files) {
                try (MarcFileRecords raws = MarcFileRecords.open(file, format)) {
                    SourceInfo source = IngestBench.source(raws.sourceId);
                    while (raws.hasNext()) {
                        try {
                            batch.add(crosswalks.map(raws.next(), source));
                        } catch (RecordRejectedException e) {
                            continue;
                        }
                        if (batch.size() >= settings.bulkSize()) {
                            index.upsert(batch);
                            records += batch.size();
                            batch.clear();
                        }
                    }
                }
            }
            index.upsert(batch);
            records += batch.size();
            index.commit();
            long nanos = System.nanoTime() - started;
            Table ingest = new Table("Elasticsearch ingest: the same files → crosswalk → ElasticsearchSearchIndex (bulk)",
                    "measure", "value")
                    .row("cluster", url)
                    .row("records", String.format("%,d (index holds %,d)", records, index.count()))
                    .row("wall time (refresh included)", Sizes.seconds(nanos))
                    .row("**records/s**", "**" + Sizes.rate(records, nanos) + "**")
                    .note("bulk size " + settings.bulkSize() + ", " + settings.maxInFlight() + " in flight; one reading thread.");
            List<Latency.Result> latency = SearchBench.ours("Elasticsearch (ElasticsearchSearchIndex.search)", index, queries,
                    threadCounts);
            return List.of(ingest, latency);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the Elasticsearch index " + alias, e);
        }
    }
}
