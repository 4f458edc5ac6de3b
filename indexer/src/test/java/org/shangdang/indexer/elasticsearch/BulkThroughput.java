package org.shangdang.indexer.elasticsearch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.shangdang.indexer.contract.ContractFixture;
import org.shangdang.record.CanonicalRecord;
import tools.jackson.databind.json.JsonMapper;

/**
 * Load driver, not a test: bulk indexing throughput of {@link ElasticsearchSearchIndex#upsert} against
 * raw {@code _bulk} requests of the very same documents ({@code java.net.http}, same batch size, same
 * number of requests in flight), in one run against the cluster of {@code scripts/elasticsearch.sh}.
 *
 * <p>The engine's figure includes what the engine does per record (Java-side folding, smartcn words,
 * pinyin, the document JSON); the raw figure sends documents prepared beforehand, i.e. Elasticsearch
 * alone. Records are generated deterministically from {@link ContractFixture}. Each round indexes every
 * record into a fresh index of each path, raw first then engine, alternating, after a warm-up round.
 *
 * <pre>
 * java -cp indexer/target/test-classes:indexer/target/classes:$(cat /tmp/indexer-cp.txt) \
 *     org.shangdang.indexer.elasticsearch.BulkThroughput [records=20000] [batch=500] [inFlight=2] [rounds=3] [url]
 * </pre>
 */
public final class BulkThroughput {

    private BulkThroughput() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int inFlight = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        URI url = URI.create(args.length > 4 ? args[4]
                : java.nio.file.Files.readString(java.nio.file.Path.of("target/elasticsearch/url")).strip());
        List<CanonicalRecord> records = generate(n);
        long preparing = System.nanoTime();
        List<byte[]> bodies = rawBodies(records, batch);
        double prepared = (System.nanoTime() - preparing) / 1e9;
        System.out.printf(Locale.ROOT, "%d records, batch %d, %d in flight, %d rounds, %s; %d cores, %s%n",
                n, batch, inFlight, rounds, url, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        // What the engine does on top of raw _bulk, alone on one thread (cold: includes JIT and dictionaries).
        System.out.printf(Locale.ROOT, "documents built in Java (folding, smartcn words, pinyin, JSON): %.0f docs/s%n",
                n / prepared);

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        ElasticsearchSettings settings = ElasticsearchSettings.of(url).withBulk(batch, inFlight);
        // Warm-up: JIT, smartcn dictionaries, pinyin tables, the cluster's caches.
        raw(http, url, bodies.subList(0, Math.min(4, bodies.size())), inFlight);
        engine(settings, records.subList(0, Math.min(2_000, n)));

        List<Double> rawRates = new ArrayList<>();
        List<Double> engineRates = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            double rawRate = n / raw(http, url, bodies, inFlight);
            double engineRate = n / engine(settings, records);
            rawRates.add(rawRate);
            engineRates.add(engineRate);
            System.out.printf(Locale.ROOT, "round %d: raw _bulk %.0f docs/s, ElasticsearchSearchIndex %.0f docs/s, ratio %.2f%n",
                    round, rawRate, engineRate, engineRate / rawRate);
        }
        double rawMedian = median(rawRates);
        double engineMedian = median(engineRates);
        System.out.printf(Locale.ROOT, "median: raw _bulk %.0f docs/s, ElasticsearchSearchIndex %.0f docs/s, ratio %.2f%n",
                rawMedian, engineMedian, engineMedian / rawMedian);
    }

    /** n records: the fixture's, renumbered, with the number in the title so no two documents are equal. */
    static List<CanonicalRecord> generate(int n) {
        List<CanonicalRecord> fixture = ContractFixture.records();
        List<CanonicalRecord> records = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            CanonicalRecord r = fixture.get(i % fixture.size());
            CanonicalRecord.Builder b = CanonicalRecord.builder(r.sourceId(), "bench-" + i).format(r.format()).kind(r.kind())
                    .title(r.title() + " 第" + (i / fixture.size() + 1) + "册").library(r.library()).datestamp(r.datestamp());
            r.creators().forEach(b::creator);
            r.subjects().forEach(b::subject);
            r.languages().forEach(b::language);
            r.isbns().forEach(b::isbn);
            r.description().ifPresent(b::description);
            r.publisher().ifPresent(b::publisher);
            r.year().ifPresent(b::year);
            r.county().ifPresent(b::county);
            b.workId("bench-work-" + (i / 3));
            records.add(b.build());
        }
        return records;
    }

    /** NDJSON bodies of the documents the engine writes, batch by batch. */
    private static List<byte[]> rawBodies(List<CanonicalRecord> records, int batch) {
        List<byte[]> bodies = new ArrayList<>();
        try (RecordDocuments documents = new RecordDocuments(JsonMapper.builder().build())) {
            for (int from = 0; from < records.size(); from += batch) {
                StringBuilder body = new StringBuilder();
                for (CanonicalRecord r : records.subList(from, Math.min(records.size(), from + batch))) {
                    body.append("{\"index\":{\"_id\":\"").append(r.id()).append("\"}}\n")
                            .append(new String(documents.toJson(r), StandardCharsets.UTF_8)).append('\n');
                }
                bodies.add(body.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        return bodies;
    }

    /** Seconds to send every body, inFlight at a time, into a fresh index made from the engine's template. */
    private static double raw(HttpClient http, URI url, List<byte[]> bodies, int inFlight) throws Exception {
        String alias = "shangdang-bench-raw-" + UUID.randomUUID().toString().substring(0, 8);
        send(http, HttpRequest.newBuilder(url.resolve("/" + alias + "-000001")).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                new IndexTemplate(Set.of()).json().replaceFirst("\\{", "{\"aliases\":{\"" + alias + "\":{\"is_write_index\":true}},"))));
        AtomicInteger next = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(inFlight);
        long started = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < inFlight; t++) {
                running.add(senders.submit(() -> {
                    for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                        String answer = send(http, HttpRequest.newBuilder(url.resolve("/" + alias + "/_bulk?require_alias=true"))
                                .header("Content-Type", "application/x-ndjson")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i))));
                        if (!answer.startsWith("{\"errors\":false") && !answer.contains("\"errors\":false")) {
                            throw new IllegalStateException("bulk refused items: " + answer.substring(0, Math.min(500, answer.length())));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
            return (System.nanoTime() - started) / 1e9;
        } finally {
            senders.shutdown();
            send(http, HttpRequest.newBuilder(url.resolve("/" + alias + "-000001")).DELETE());
        }
    }

    /** Seconds for one upsert of every record through the engine, into a fresh index. */
    private static double engine(ElasticsearchSettings base, List<CanonicalRecord> records)
            throws IOException, InterruptedException {
        ElasticsearchSettings settings = base.withIndexAlias("shangdang-bench-engine-" + UUID.randomUUID().toString().substring(0, 8));
        try (ElasticsearchSearchIndex index = ElasticsearchSearchIndex.open(settings)) {
            long started = System.nanoTime();
            index.upsert(records);
            double seconds = (System.nanoTime() - started) / 1e9;
            index.commit();
            if (index.count() != records.size()) {
                throw new IllegalStateException("engine indexed " + index.count() + " of " + records.size());
            }
            return seconds;
        } finally {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.url().resolve("/" + settings.indexAlias() + "-000001"))
                    .DELETE().build(), HttpResponse.BodyHandlers.discarding());
        }
    }

    private static String send(HttpClient http, HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
