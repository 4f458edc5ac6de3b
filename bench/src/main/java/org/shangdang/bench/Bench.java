package org.shangdang.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.shangdang.fixtures.generate.city.CityCatalog;
import org.shangdang.fixtures.generate.city.CityCorpus;
import org.shangdang.fixtures.generate.city.CityFiles;

/**
 * The benchmark runner: {@code java -jar bench/target/shangdang-bench.jar <command> [--option=value…]}. See
 * {@code bench/README.md} for the commands, options and what each table measures. Every table is printed with
 * the command, the commit and the machine, and appended to {@code <dir>/results.md}.
 *
 * <p>Not thread-safe: one runner per process.
 */
public final class Bench {

    private static final String USAGE = """
            usage: java -jar bench/target/shangdang-bench.jar <command> [--option=value ...]
            commands:
              generate   write the city catalogue as MARCXML and ISO 2709 files, and the query set
              ingest     B1: files -> crosswalk -> cluster -> embedded Lucene, and raw Lucene in the same run
              search     B2: the query set in process, LuceneSearchIndex and raw IndexSearcher
              http       B2: the query set over HTTP against the service jar started on the index
              es         B1/B2 on Elasticsearch (when --es-url or scripts/elasticsearch.sh url gives a cluster)
              harvest    B3: OAI-PMH from the local generator server -> OaiPmhHarvester -> crosswalk -> Lucene
              reindex    B4: raw records into an H2 record store, then ReindexJob.reindexAll() into a fresh Lucene index
              terminal   terminal lookups (search, ISBN, barcode, availability) over HTTP against the service jar
              startup    B5: index size on disk, and service start-up to the first answered query
              all        every one of the above that can run here, in that order
              latency    the walking skeleton's SearchLatency: latency <base-url> <queries>
            options (defaults in brackets):
              --n=20000 records  --seed=20261129  --dir=<tmp>/shangdang-bench/n<N>-s<seed>
              --format=marcxml,iso2709  --ingest-threads=<cores>  --batch=1000  --cluster=on|off [on]
              --queries=10000  --threads=1,16  --page-size=500  --harvest-n=min(n,100000)
              --jar=catalog-api/target/shangdang.jar  --service-heap=1g  --es-url=<url>  --corpus=shared|builtin
              --reindex-batch=1000  --reindex-threads=<cores>  --terminal-requests=10000
            """;

    private final Options options;
    private final PrintStream out;
    private final RunInfo run;

    Bench(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.run = RunInfo.current(options.commandLine());
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("latency")) {
            try {
                SearchLatency.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            } catch (Exception e) {
                throw new IllegalStateException("latency failed: " + e.getMessage(), e);
            }
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        new Bench(options, System.out).run();
    }

    /** Runs the command; the tables it printed. */
    List<Table> run() {
        List<Table> tables = new ArrayList<>();
        switch (options.command()) {
            case "generate" -> tables.add(generate());
            case "ingest" -> tables.addAll(ingest());
            case "search" -> tables.add(search());
            case "http" -> tables.addAll(http());
            case "es" -> tables.addAll(elasticsearch());
            case "harvest" -> tables.add(harvest());
            case "reindex" -> tables.add(reindex());
            case "startup" -> tables.add(startup());
            case "terminal" -> tables.add(terminal());
            case "all" -> {
                tables.add(generate());
                tables.addAll(ingest());
                tables.add(search());
                tables.add(harvest());
                tables.add(reindex());
                tables.add(startup());
                tables.addAll(http());
                tables.add(terminal());
                tables.addAll(elasticsearch());
            }
            default -> {
                out.print(USAGE);
                return tables;
            }
        }
        return tables;
    }

    CityCatalog catalog() {
        return new CityCatalog(options.records(), options.seed(), corpus());
    }

    private CityCorpus corpus() {
        if (options.value("corpus").orElse("shared").equals("builtin")) {
            return CityCorpus.builtIn();
        }
        String shared = System.getProperty("shangdang.shared");
        Path dir = shared != null ? Path.of(shared) : EsBench.repoRoot().resolveSibling("shared");
        return CityCorpus.fromShared(dir);
    }

    Path filesDir() {
        return options.workDir().resolve("files");
    }

    Path indexDir() {
        return options.workDir().resolve("index");
    }

    private Table generate() {
        CityCatalog catalog = catalog();
        Path marker = filesDir().resolve("GENERATED");
        String expected = "n=" + catalog.size() + " seed=" + catalog.seed() + " corpus=" + (catalog.corpus().hasPoems() ? "shared" : "builtin");
        Table table = new Table("Generated city catalogue", "measure", "value");
        if (Files.exists(marker) && read(marker).equals(expected)) {
            table.row("files", "already generated under " + filesDir() + " (" + expected + ")");
        } else {
            Sizes.deleteTree(filesDir());
            long t0 = System.nanoTime();
            CityFiles.Summary summary = CityFiles.write(catalog, filesDir(), EnumSet.allOf(CityFiles.Format.class), 50_000);
            long nanos = System.nanoTime() - t0;
            write(marker, expected);
            table.row("records", String.format("%,d in %s (%s records/s, both formats)", summary.records(), Sizes.seconds(nanos),
                    Sizes.rate(summary.records(), nanos)));
            summary.bytesByFormat().forEach((format, bytes) -> table.row(format + " bytes", Sizes.bytes(bytes)));
            summary.recordsBySource().forEach((source, count) -> table.row("records of " + source, String.format("%,d", count)));
        }
        QuerySet queries = queries(catalog);
        queries.writeTsv(options.workDir().resolve("queries.tsv"));
        table.row("queries", String.format("%,d, written to %s", queries.size(), options.workDir().resolve("queries.tsv")));
        queries.countByKind().forEach((kind, count) -> table.row("queries " + kind, String.format("%,d", count)));
        table.note("corpus: " + (catalog.corpus().hasPoems() ? "../shared/corpus/text-zh present (poems, OpenCC table)"
                : "built-in vocabularies only"));
        return print(table);
    }

    private QuerySet queries(CityCatalog catalog) {
        return QuerySet.generate(catalog, options.intValue("queries", 10_000), options.seed());
    }

    private void ensureFiles() {
        CityCatalog catalog = catalog();
        Path marker = filesDir().resolve("GENERATED");
        if (!Files.exists(marker) || !read(marker).startsWith("n=" + catalog.size() + " seed=" + catalog.seed() + " ")) {
            generate();
        }
    }

    private List<Table> ingest() {
        ensureFiles();
        List<Table> tables = new ArrayList<>();
        int threads = options.intValue("ingest-threads", Runtime.getRuntime().availableProcessors());
        int batch = options.intValue("batch", 1_000);
        IngestBench.Clustering clustering = options.value("cluster").orElse("on").equals("off")
                ? IngestBench.Clustering.OFF : IngestBench.Clustering.ON;
        String[] formats = options.value("format").orElse("marcxml,iso2709").split(",");
        for (int i = 0; i < formats.length; i++) {
            CityFiles.Format format = CityFiles.Format.valueOf(formats[i].strip().toUpperCase(java.util.Locale.ROOT));
            // The first format's index is the one searched afterwards; the others get their own directory, so
            // an interrupted second run never leaves the search without an index.
            Path index = i == 0 ? indexDir() : options.workDir().resolve("index-" + format.directory());
            IngestBench.Result result = new IngestBench().run(CityFiles.files(filesDir(), format), format, index,
                    options.workDir().resolve("raw-index"), threads, batch, clustering, IngestBench.RawComparison.ON);
            lastIngest = Optional.of(result);
            tables.add(print(IngestBench.table(result, threads, batch, format, clustering)));
        }
        return tables;
    }

    /** The last ingest of this runner, for the smoke test. */
    Optional<IngestBench.Result> lastIngest = Optional.empty();
    Optional<HarvestBench.Result> lastHarvest = Optional.empty();
    List<Latency.Result> lastSearch = List.of();
    Optional<ReindexBench.Result> lastReindex = Optional.empty();
    List<TerminalBench.Request> lastTerminalRequests = List.of();
    List<TerminalBench.Run> lastTerminal = List.of();

    private void ensureIndex() {
        try (FSDirectory dir = FSDirectory.open(Sizes.liveIndex(indexDir()))) {
            if (DirectoryReader.indexExists(dir)) {
                return;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look at " + indexDir() + ": " + e.getMessage(), e);
        }
        ensureFiles();
        CityFiles.Format format = CityFiles.Format.MARCXML;
        out.println("no index under " + indexDir() + ": ingesting " + format + " files first (not timed here; see `ingest`)");
        new IngestBench().run(CityFiles.files(filesDir(), format), format, indexDir(), options.workDir().resolve("raw-index"),
                Runtime.getRuntime().availableProcessors(), 1_000, IngestBench.Clustering.ON, IngestBench.RawComparison.OFF);
    }

    private Table search() {
        ensureIndex();
        QuerySet queries = queries(catalog());
        List<Latency.Result> results = SearchBench.run(indexDir(), queries, options.intList("threads", List.of(1, 16)));
        lastSearch = results;
        Table table = Latency.table("B2 search in process: " + String.format("%,d", queries.size()) + " queries, "
                + String.format("%,d", options.records()) + " records", results);
        table.note("ours: LuceneSearchIndex.search — relevance sort with id tie-break, drill-sideways counts of six facets, "
                + "highlights of four fields, each hit's record read back from its stored JSON.");
        table.note("raw: IndexSearcher.search(the same translated query + the same DrillDownQuery filters, page × 10), "
                + "ids of the page's hits from stored fields; no facets, highlights or records.");
        table.note("each thread takes the next query until all have run; the first 1,000 queries ran once before, untimed.");
        return print(table);
    }

    private List<Table> http() {
        Path jar = Path.of(options.value("jar").orElse(EsBench.repoRoot().resolve("catalog-api/target/shangdang.jar").toString()));
        if (!Files.isRegularFile(jar)) {
            return List.of(print(new Table("B2 search over HTTP", "measure", "value")
                    .row("not run", "no service jar at " + jar + " (build catalog-api, or pass --jar)")));
        }
        ensureIndex();
        QuerySet queries = queries(catalog());
        try (ServiceBench service = ServiceBench.start(jar, indexDir(), options.workDir().resolve("service-http"),
                options.value("service-heap").orElse("1g"))) {
            List<Latency.Result> results = service.search(queries, options.intList("threads", List.of(1, 16)));
            Table table = Latency.table("B2 search over HTTP: " + String.format("%,d", queries.size()) + " queries, "
                    + String.format("%,d", options.records()) + " records, service jar on the same machine", results);
            table.note("the service (" + jar + ", -Xmx" + options.value("service-heap").orElse("1g")
                    + ") and the Java HTTP clients share the machine; one HttpClient per client thread, HTTP/1.1.");
            return List.of(print(table));
        }
    }

    private List<Table> elasticsearch() {
        Optional<URI> url = EsBench.url(options);
        if (url.isEmpty()) {
            return List.of(print(new Table("Elasticsearch comparison", "measure", "value")
                    .row("not run", "no cluster: pass --es-url or start one with scripts/elasticsearch.sh start")));
        }
        ensureFiles();
        QuerySet queries = queries(catalog());
        CityFiles.Format format = CityFiles.Format.MARCXML;
        List<Object> results = EsBench.run(url.get(), "shangdang-bench-n" + options.records() + "-s" + options.seed(),
                CityFiles.files(filesDir(), format), format, queries, options.intList("threads", List.of(1, 16)));
        List<Table> tables = new ArrayList<>();
        tables.add(print((Table) results.get(0)));
        @SuppressWarnings("unchecked")
        List<Latency.Result> latency = (List<Latency.Result>) results.get(1);
        tables.add(print(Latency.table("B2 search, Elasticsearch in process (client → cluster over loopback)", latency)));
        return tables;
    }

    private Table harvest() {
        long n = Math.min(options.records(), options.longValue("harvest-n", Math.min(options.records(), 100_000)));
        CityCatalog catalog = new CityCatalog(n, options.seed(), corpus());
        int pageSize = options.intValue("page-size", 500);
        HarvestBench.Result result = HarvestBench.run(catalog, pageSize, options.workDir().resolve("harvest-index"));
        lastHarvest = Optional.of(result);
        return print(HarvestBench.table(result, pageSize));
    }

    private Table reindex() {
        ensureFiles();
        int batch = options.intValue("reindex-batch", 1_000);
        int threads = options.intValue("reindex-threads", Runtime.getRuntime().availableProcessors());
        ReindexBench.Result result = ReindexBench.run(CityFiles.files(filesDir(), CityFiles.Format.MARCXML),
                options.workDir().resolve("reindex-store"), options.workDir().resolve("reindex-index"), batch, threads);
        lastReindex = Optional.of(result);
        return print(ReindexBench.table(result, batch));
    }

    private Table terminal() {
        Path jar = Path.of(options.value("jar").orElse(EsBench.repoRoot().resolve("catalog-api/target/shangdang.jar").toString()));
        if (!Files.isRegularFile(jar)) {
            return print(new Table("Terminal lookups over HTTP", "measure", "value")
                    .row("not run", "no service jar at " + jar + " (build catalog-api, or pass --jar)"));
        }
        ensureIndex();
        CityCatalog catalog = catalog();
        List<TerminalBench.Request> requests = TerminalBench.requests(catalog, queries(catalog), indexDir(),
                options.intValue("terminal-requests", 10_000), options.seed());
        long holdings = TerminalBench.holdings(catalog);
        try (ServiceBench service = ServiceBench.start(jar, indexDir(), options.workDir().resolve("service-terminal"),
                options.value("service-heap").orElse("1g"))) {
            List<TerminalBench.Run> runs = TerminalBench.run(service.base(), requests, options.intList("threads", List.of(1, 16)));
            lastTerminalRequests = requests;
            lastTerminal = runs;
            Table table = TerminalBench.table(String.format("Terminal lookups over HTTP: %,d requests, %,d records with %,d "
                    + "holdings (%.2f a record), service jar on the same machine", requests.size(), catalog.size(), holdings,
                    (double) holdings / Math.max(1, catalog.size())), requests, runs);
            table.note("the service (" + jar + ", -Xmx" + options.value("service-heap").orElse("1g") + ", rate limit off) "
                    + "and the Java HTTP clients share the machine; one HttpClient per client thread, HTTP/1.1; the first 500 "
                    + "requests ran once before, untimed. No library has an availability endpoint configured, so every copy's "
                    + "status is `unknown` without a call out: this measures the catalogue side of a lookup.");
            return print(table);
        }
    }

    private Table startup() {
        ensureIndex();
        long records;
        try (FSDirectory dir = FSDirectory.open(Sizes.liveIndex(indexDir())); DirectoryReader reader = DirectoryReader.open(dir)) {
            records = reader.numDocs();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + indexDir() + ": " + e.getMessage(), e);
        }
        long bytes = Sizes.directorySize(indexDir());
        Table table = new Table("B5 index size and service start-up", "measure", "value")
                .row("records in the index", String.format("%,d", records))
                .row("index on disk", Sizes.bytes(bytes))
                .row("**index on disk per 1M records (linear)**", "**" + Sizes.bytes((long) (bytes * (1e6 / Math.max(1, records)))) + "**")
                .row("bytes per record", String.format("%,d", bytes / Math.max(1, records)));
        Path jar = Path.of(options.value("jar").orElse(EsBench.repoRoot().resolve("catalog-api/target/shangdang.jar").toString()));
        if (Files.isRegularFile(jar)) {
            try (ServiceBench service = ServiceBench.start(jar, indexDir(), options.workDir().resolve("service-startup"),
                    options.value("service-heap").orElse("1g"))) {
                table.row("**service start-up to the first answered /api/search**", "**" + Sizes.seconds(service.startupNanos()) + "**");
            }
            table.note("start-up: from starting `java -jar " + jar.getFileName() + "` (fresh JVM, empty record store) to the first "
                    + "HTTP 200 of GET /api/search?q=长治, polled every 50 ms.");
        } else {
            table.row("service start-up", "not run: no service jar at " + jar);
        }
        return print(table);
    }

    private Table print(Table table) {
        table.print(out, run);
        try {
            Files.createDirectories(options.workDir());
            try (PrintStream file = new PrintStream(Files.newOutputStream(options.workDir().resolve("results.md"),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND), true, StandardCharsets.UTF_8)) {
                table.print(file, run);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + options.workDir().resolve("results.md"), e);
        }
        return table;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
