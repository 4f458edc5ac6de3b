package org.shangdang.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.store.FSDirectory;
import org.shangdang.fixtures.generate.city.CityCatalog;
import org.shangdang.fixtures.generate.city.CityLibrary;
import org.shangdang.fixtures.generate.city.CityRecord;
import org.shangdang.indexer.IndexFields;

/**
 * Terminal lookups over HTTP (issue 3): a deterministic mix of the self-service terminal's four requests against
 * the service jar on the B1 index, at each client count; latency per endpoint and overall. A request is an error
 * when it throws or answers anything but 200, except a 404 for a barcode the catalogue does not hold (documented:
 * the terminal says "no such copy"), which is counted as expected. Stateless; the requests list is immutable.
 */
final class TerminalBench {

    /** The four terminal endpoints, with their share of the mix in percent. */
    enum Endpoint {
        SEARCH(40, "GET /api/terminal/search?q= (Chinese words, traditional forms, pinyin, initials of the query set)"),
        ISBN(20, "GET /api/terminal/isbn/{isbn} (ISBNs of records as catalogued: ISBN-13 with or without hyphens, ISBN-10)"),
        BARCODE(20, "GET /api/terminal/barcode/{barcode} (copies of the data; 1 in 20 an unknown barcode, 404 expected)"),
        AVAILABILITY(20, "GET /api/terminal/availability?work=&at= (work ids of the index, at one of its library's branches)");

        final int percent;
        final String description;

        Endpoint(int percent, String description) {
            this.percent = percent;
            this.description = description;
        }
    }

    /**
     * One request.
     *
     * @param endpoint what it asks
     * @param path     path and query, URL-encoded
     * @param expect404 a 404 is the right answer (an unknown barcode)
     */
    record Request(Endpoint endpoint, String path, boolean expect404) {}

    /**
     * The requests of one run at one client count.
     *
     * @param nanos    each request's latency, in request order
     * @param status   each request's HTTP status, -1 when it threw
     * @param wallNanos the run's wall time
     */
    record Run(int clients, long[] nanos, int[] status, long wallNanos) {}

    private TerminalBench() {
    }

    /**
     * {@code count} requests drawn from {@code (seed, i)}: search texts from the query set's Chinese, traditional,
     * pinyin and initials queries, ISBNs and barcodes of generated records, work ids read from the index.
     */
    static List<Request> requests(CityCatalog catalog, QuerySet queries, Path indexDir, int count, long seed) {
        List<String> texts = queries.queries().stream().filter(q -> q.filters().isEmpty() && q.page() == 1)
                .filter(q -> switch (q.kind()) {
                    case WORD, TITLE_FRAGMENT, TRADITIONAL, PINYIN, INITIALS, CREATOR -> true;
                    default -> false;
                }).map(QuerySet.BenchQuery::text).toList();
        if (texts.isEmpty()) {
            throw new IllegalStateException("the query set holds no word, pinyin or initials query to search with");
        }
        List<String> works = workIds(indexDir, Math.max(1, count / 5), seed);
        SplittableRandom random = new SplittableRandom(seed ^ 0x7e5a1L);
        List<Request> requests = new ArrayList<>(count);
        int[] cumulative = new int[Endpoint.values().length];
        int total = 0;
        for (Endpoint e : Endpoint.values()) {
            total += e.percent;
            cumulative[e.ordinal()] = total;
        }
        for (int i = 0; i < count; i++) {
            SplittableRandom r = random.split();
            int pick = r.nextInt(total);
            Endpoint endpoint = Endpoint.values()[0];
            for (Endpoint e : Endpoint.values()) {
                if (pick < cumulative[e.ordinal()]) {
                    endpoint = e;
                    break;
                }
            }
            requests.add(switch (endpoint) {
                case SEARCH -> new Request(endpoint, "/api/terminal/search?q=" + encode(texts.get(r.nextInt(texts.size()))), false);
                case ISBN -> new Request(endpoint, "/api/terminal/isbn/" + encode(isbn(catalog, r)), false);
                case BARCODE -> r.nextInt(20) == 0
                        ? new Request(endpoint, "/api/terminal/barcode/" + "9999" + String.format("%010d", r.nextLong(10_000_000_000L)), true)
                        : new Request(endpoint, "/api/terminal/barcode/" + encode(barcode(catalog, r)), false);
                case AVAILABILITY -> {
                    CityLibrary library = CityLibrary.ALL.get(r.nextInt(CityLibrary.ALL.size()));
                    String at = library.locations().get(r.nextInt(library.locations().size()));
                    yield new Request(endpoint, "/api/terminal/availability?work=" + encode(works.get(r.nextInt(works.size())))
                            + "&at=" + encode(at), false);
                }
            });
        }
        return List.copyOf(requests);
    }

    /** The copies of {@code n} records, the holdings a catalogue of that size carries. */
    static long holdings(CityCatalog catalog) {
        return catalog.records().mapToLong(record -> record.copies().size()).sum();
    }

    /** Runs the requests at each client count, after the first 500 once, untimed. */
    static List<Run> run(URI base, List<Request> requests, List<Integer> clientCounts) {
        ThreadLocal<HttpClient> clients = ThreadLocal.withInitial(() -> HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build());
        for (int i = 0; i < Math.min(500, requests.size()); i++) {
            send(clients.get(), base, requests.get(i));
        }
        List<Run> runs = new ArrayList<>();
        for (int count : clientCounts) {
            long[] nanos = new long[requests.size()];
            int[] status = new int[requests.size()];
            AtomicInteger next = new AtomicInteger();
            long started = System.nanoTime();
            IngestBench.Workers.run(count, "terminal-client", () -> {
                int i;
                while ((i = next.getAndIncrement()) < requests.size()) {
                    long t0 = System.nanoTime();
                    status[i] = send(clients.get(), base, requests.get(i));
                    nanos[i] = System.nanoTime() - t0;
                }
            });
            runs.add(new Run(count, nanos, status, System.nanoTime() - started));
        }
        return runs;
    }

    /** Per run, one row per endpoint and one overall. */
    static Table table(String title, List<Request> requests, List<Run> runs) {
        Table table = new Table(title, "endpoint", "clients", "requests", "p50", "p95", "p99", "max", "QPS", "errors",
                "404 expected");
        for (Run run : runs) {
            Map<Endpoint, List<Integer>> byEndpoint = new EnumMap<>(Endpoint.class);
            for (int i = 0; i < requests.size(); i++) {
                byEndpoint.computeIfAbsent(requests.get(i).endpoint(), e -> new ArrayList<>()).add(i);
            }
            for (Endpoint e : Endpoint.values()) {
                row(table, e.name().toLowerCase(java.util.Locale.ROOT), run, requests, byEndpoint.getOrDefault(e, List.of()));
            }
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                all.add(i);
            }
            row(table, "**all**", run, requests, all);
        }
        for (Endpoint e : Endpoint.values()) {
            table.note(e.name().toLowerCase(java.util.Locale.ROOT) + " (" + e.percent + " %): " + e.description);
        }
        table.note("QPS per endpoint is its requests over the whole run's wall time (its share of the mixed load).");
        table.note("errors: a non-200 answer or a failed request, except the 404 of an unknown barcode (counted as expected; "
                + "a 404 for an unknown barcode that came back 200 would be an error too).");
        return table;
    }

    /** Errors of a run: non-200 answers and failures, except expected 404s. */
    static long errors(List<Request> requests, Run run) {
        long errors = 0;
        for (int i = 0; i < requests.size(); i++) {
            if (!ok(requests.get(i), run.status()[i])) {
                errors++;
            }
        }
        return errors;
    }

    private static void row(Table table, String name, Run run, List<Request> requests, List<Integer> indexes) {
        long[] nanos = indexes.stream().mapToLong(i -> run.nanos()[i]).sorted().toArray();
        long errors = indexes.stream().filter(i -> !ok(requests.get(i), run.status()[i])).count();
        long expected = indexes.stream().filter(i -> requests.get(i).expect404() && run.status()[i] == 404).count();
        Latency.Result r = new Latency.Result(name, run.clients(), nanos, run.wallNanos(), errors, expected);
        table.row(name, run.clients(), String.format("%,d", nanos.length), Sizes.millis(r.percentile(0.50)),
                Sizes.millis(r.percentile(0.95)), Sizes.millis(r.percentile(0.99)), Sizes.millis(r.percentile(1.0)),
                String.format("%,.0f", r.qps()), errors, expected);
    }

    private static boolean ok(Request request, int status) {
        return request.expect404() ? status == 404 : status == 200;
    }

    private static int send(HttpClient http, URI base, Request request) {
        try {
            HttpRequest get = HttpRequest.newBuilder(base.resolve(request.path())).timeout(Duration.ofSeconds(30)).build();
            return http.send(get, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String isbn(CityCatalog catalog, SplittableRandom r) {
        while (true) {
            CityRecord record = catalog.record(r.nextLong(catalog.size()));
            if (record.isbn().isPresent()) {
                return record.isbn().get();
            }
        }
    }

    private static String barcode(CityCatalog catalog, SplittableRandom r) {
        List<CityRecord.Copy> copies = catalog.record(r.nextLong(catalog.size())).copies();
        return copies.get(r.nextInt(copies.size())).barcode();
    }

    /** Distinct-enough work ids of the index, read from its work id doc values at documents drawn from the seed. */
    private static List<String> workIds(Path indexDir, int count, long seed) {
        try (FSDirectory dir = FSDirectory.open(Sizes.liveIndex(indexDir)); DirectoryReader reader = DirectoryReader.open(dir)) {
            if (reader.maxDoc() == 0) {
                throw new IllegalStateException("the index at " + indexDir + " is empty");
            }
            SplittableRandom r = new SplittableRandom(seed ^ 0x3a11L);
            int[] docs = new int[count];
            for (int i = 0; i < count; i++) {
                docs[i] = r.nextInt(reader.maxDoc());
            }
            Arrays.sort(docs);
            List<String> ids = new ArrayList<>(count);
            int leaf = -1;
            SortedDocValues values = null;
            LeafReaderContext context = null;
            int previous = -1;
            for (int doc : docs) {
                if (doc == previous) {
                    continue;
                }
                previous = doc;
                int next = ReaderUtil.subIndex(doc, reader.leaves());
                if (next != leaf) {
                    leaf = next;
                    context = reader.leaves().get(leaf);
                    values = context.reader().getSortedDocValues(IndexFields.WORK_ID);
                }
                int local = doc - context.docBase;
                if (values != null && values.advanceExact(local)) {
                    ids.add(values.lookupOrd(values.ordValue()).utf8ToString());
                }
            }
            if (ids.isEmpty()) {
                throw new IllegalStateException("the index at " + indexDir + " has no " + IndexFields.WORK_ID + " values");
            }
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read work ids from " + indexDir + ": " + e.getMessage(), e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
