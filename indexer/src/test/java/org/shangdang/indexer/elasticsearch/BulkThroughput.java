package org.shangdang.indexer.elasticsearch;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.shangdang.fixtures.generate.city.CityCatalog;
import org.shangdang.fixtures.generate.city.CityCorpus;
import org.shangdang.fixtures.generate.city.CityRecord;
import org.shangdang.indexer.contract.ContractFixture;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Classification;
import org.shangdang.record.Creator;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.ResourceKind;
import tools.jackson.databind.json.JsonMapper;

/**
 * Load driver, not a test: bulk indexing throughput of {@link ElasticsearchSearchIndex#upsert} against
 * raw {@code _bulk} requests of the very same documents sent by {@code curl} (same batch size, same
 * number of requests in flight), in one run against the cluster of {@code scripts/elasticsearch.sh}.
 *
 * <p>The engine's figure includes what the engine does per record (Java-side folding, smartcn words,
 * pinyin, the document JSON); the raw figure sends documents prepared beforehand, i.e. Elasticsearch
 * alone. The documents are dumped once as NDJSON bulk bodies ({@code target/bulk-bench/<data>-n<N>-b<batch>/},
 * one file per request, exactly what the engine sends); each raw round runs {@code inFlight} {@code curl}
 * processes, each posting its share of the files one after another over one connection. Each round indexes
 * every record into a fresh index of each path, raw first then engine, after a warm-up round.
 *
 * <p>Data: {@code city} (default) maps the bench's generated union catalogue ({@link CityCatalog}, built-in
 * vocabularies) to records directly (title, other title, creators, subjects, summary, publisher, place,
 * year, ISBN, class, library): titles, creators and subjects repeat as in a real union catalogue.
 * {@code fixture} renumbers the 66 contract fixture records (the number in the title).
 *
 * <pre>
 * java -cp indexer/target/test-classes:indexer/target/classes:$(cat /tmp/indexer-cp.txt) \
 *     org.shangdang.indexer.elasticsearch.BulkThroughput [records=20000] [batch=500] [inFlight=2] [rounds=3] [city|fixture] [url]
 * </pre>
 */
public final class BulkThroughput {

    private BulkThroughput() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int inFlight = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        String data = args.length > 4 ? args[4] : "city";
        URI url = URI.create(args.length > 5 ? args[5]
                : Files.readString(Path.of("target/elasticsearch/url")).strip());
        List<CanonicalRecord> records = switch (data) {
            case "city" -> city(n);
            case "fixture" -> generate(n);
            default -> throw new IllegalArgumentException("data must be city or fixture; got: " + data);
        };
        long preparing = System.nanoTime();
        List<byte[]> bodies = rawBodies(records, batch);
        double prepared = (System.nanoTime() - preparing) / 1e9;
        List<Path> files = dump(bodies, Path.of("target/bulk-bench", data + "-n" + n + "-b" + batch));
        System.out.printf(Locale.ROOT, "%d %s records, batch %d, %d in flight, %d rounds, %s; %d cores, %s; NDJSON in %s%n",
                n, data, batch, inFlight, rounds, url, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), files.get(0).getParent());
        // What the engine does on top of raw _bulk, alone on one thread (cold: includes JIT and dictionaries).
        System.out.printf(Locale.ROOT, "documents built in Java (folding, smartcn words, pinyin, JSON): %.0f docs/s%n",
                n / prepared);
        // The same twice more, warm: the Java side's own ceiling, one thread. Per CPU second too, which the
        // other processes of a shared machine disturb less than wall time.
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (int pass = 2; pass <= 3; pass++) {
            long wall = System.nanoTime();
            long cpuStart = cpu.getCurrentThreadCpuTime();
            rawBodies(records, batch);
            System.out.printf(Locale.ROOT, "documents built in Java, pass %d (warm): %.0f docs/s wall, %.0f docs per CPU second%n",
                    pass, n / ((System.nanoTime() - wall) / 1e9), n / ((cpu.getCurrentThreadCpuTime() - cpuStart) / 1e9));
        }
        if (rounds == 0) {
            // Dump only: what a raw baseline or a before/after comparison of the documents needs.
            return;
        }

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        ElasticsearchSettings settings = ElasticsearchSettings.of(url).withBulk(batch, inFlight);
        // Warm-up: JIT, smartcn dictionaries, pinyin tables, the cluster's caches.
        raw(http, url, files.subList(0, Math.min(4, files.size())), inFlight);
        engine(settings, records.subList(0, Math.min(2_000, n)));

        List<Double> rawRates = new ArrayList<>();
        List<Double> engineRates = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            double rawRate = n / raw(http, url, files, inFlight);
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

    /** n records of the generated city catalogue, mapped field by field (no MARC round trip). */
    static List<CanonicalRecord> city(int n) {
        CityCatalog catalog = new CityCatalog(n, CityCatalog.DEFAULT_SEED, CityCorpus.builtIn());
        return catalog.records().map(BulkThroughput::canonical).toList();
    }

    private static CanonicalRecord canonical(CityRecord r) {
        CanonicalRecord.Builder b = CanonicalRecord.builder(r.sourceId(), r.localId()).format(RecordFormat.MARCXML)
                .kind(switch (r.kind()) {
                    case PRINT -> ResourceKind.BOOK;
                    case RARE_BOOK -> ResourceKind.RARE_BOOK;
                    case DIGITAL -> ResourceKind.EBOOK;
                })
                .title(r.title()).otherTitle(r.otherTitle()).publisher(r.publisher()).place(r.place()).year(r.year())
                .description(r.summary()).classification(new Classification("CLC", r.clc()))
                .library(r.library().name()).county(r.library().county().orElse(null)).datestamp(r.datestamp())
                .language("chi").workId(r.library().sourceId() + "-work-" + r.work());
        r.creators().forEach(c -> b.creator(Creator.of(c.dynasty().map(d -> "(" + d + ")").orElse("") + c.name(), c.role())));
        r.subjects().forEach(b::subject);
        r.isbn().ifPresent(b::isbn);
        return b.build();
    }

    /** Writes each bulk body to its own file, {@code bulk-00000.ndjson} on, replacing an earlier dump. */
    private static List<Path> dump(List<byte[]> bodies, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            files.add(Files.write(dir.resolve(String.format(Locale.ROOT, "bulk-%05d.ndjson", i)), bodies.get(i)));
        }
        return files;
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

    /**
     * Seconds to post every file with {@code curl}, {@code inFlight} processes at once, each taking every
     * inFlight-th file, into a fresh index made from the engine's template.
     */
    private static double raw(HttpClient http, URI url, List<Path> files, int inFlight) throws Exception {
        String alias = "shangdang-bench-raw-" + UUID.randomUUID().toString().substring(0, 8);
        send(http, HttpRequest.newBuilder(url.resolve("/" + alias + "-000001")).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                new IndexTemplate(Set.of()).json().replaceFirst("\\{", "{\"aliases\":{\"" + alias + "\":{\"is_write_index\":true}},"))));
        String target = url.resolve("/" + alias + "/_bulk?require_alias=true").toString();
        List<ProcessBuilder> commands = new ArrayList<>();
        for (int t = 0; t < inFlight && t < files.size(); t++) {
            List<String> command = new ArrayList<>(List.of("curl", "-sS", "--fail-with-body"));
            for (int i = t; i < files.size(); i += inFlight) {
                if (i > t) {
                    command.add("--next");
                }
                command.addAll(List.of("-H", "Content-Type: application/x-ndjson", "--data-binary", "@" + files.get(i), target));
            }
            commands.add(new ProcessBuilder(command).redirectErrorStream(true));
        }
        ExecutorService readers = Executors.newFixedThreadPool(commands.size());
        long started = System.nanoTime();
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (ProcessBuilder command : commands) {
                Process curl = command.start();
                answers.add(readers.submit(() -> {
                    String answer = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    if (curl.waitFor() != 0 || !answer.contains("\"errors\":false") || answer.contains("\"errors\":true")) {
                        throw new IllegalStateException("curl failed or bulk refused items: "
                                + answer.substring(0, Math.min(500, answer.length())));
                    }
                    return answer;
                }));
            }
            for (Future<String> answer : answers) {
                answer.get();
            }
            return (System.nanoTime() - started) / 1e9;
        } finally {
            readers.shutdown();
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
