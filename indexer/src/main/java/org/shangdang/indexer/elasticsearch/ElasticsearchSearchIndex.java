package org.shangdang.indexer.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.PluginStats;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.core.search.InnerHitsResult;
import co.elastic.clients.elasticsearch.indices.GetMappingResponse;
import co.elastic.clients.elasticsearch.indices.update_aliases.Action;
import co.elastic.clients.elasticsearch.nodes.NodesInfoResponse;
import co.elastic.clients.elasticsearch.nodes.info.NodesInfoMetric;
import co.elastic.clients.json.JsonData;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hc.core5.util.Timeout;
import org.shangdang.indexer.Facet;
import org.shangdang.indexer.IndexFields;
import org.shangdang.indexer.IndexRebuild;
import org.shangdang.indexer.IndexStats;
import org.shangdang.indexer.IndexUnavailableException;
import org.shangdang.indexer.IndexWriteException;
import org.shangdang.indexer.InvalidQueryException;
import org.shangdang.indexer.Lookup;
import org.shangdang.indexer.RecordHeadings;
import org.shangdang.indexer.RecordHoldings;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.indexer.SearchLimits;
import org.shangdang.indexer.SearchQuery;
import org.shangdang.indexer.SearchResult;
import org.shangdang.indexer.lucene.RecordHighlighter;
import org.shangdang.record.CanonicalRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Elasticsearch engine: the same {@link SearchIndex} contract, hits and facet counts as the Lucene
 * engine, on an Elasticsearch 9 cluster reached through {@link ElasticsearchSettings#indexAlias()}.
 *
 * <p><b>Chinese without plugins.</b> The cluster needs core analyzers only: text is folded and segmented
 * in Java ({@link RecordDocuments}), queries are built the same way ({@link QueryBuilder}), and
 * highlights are computed in Java from the stored records with the Lucene engine's highlighter
 * ({@link RecordHighlighter}), so they mark the text as catalogued. Whether every node of the cluster has
 * {@code analysis-smartcn}/{@code analysis-icu} is detected and logged when the engine first reaches the
 * cluster, and a new index is created from the matching {@link IndexTemplate} variant (ICU folding,
 * smartcn ranking sub-fields); the Java-side analysis decides the matches either way, which is what keeps
 * both engines' hits identical.
 *
 * <p><b>Work collapsing.</b> {@link SearchQuery.Collapse#WORK} collapses hits on {@code work_id}; each
 * work's matching records are counted by the collapse's inner hits, the matching works by a
 * {@code cardinality} aggregation with the highest precision threshold ({@value #WORKS_PRECISION}): exact
 * below that many works, an estimate (within about 1%) above.
 *
 * <p><b>Re-index.</b> {@link #rebuild()} creates {@code <alias>-<N+1>} from the template, reachable
 * meanwhile through the alias {@code <alias>-rebuild}; the caller loads it, and {@link IndexRebuild#swap()}
 * refreshes it, moves the alias to it in one atomic {@code _aliases} request and deletes the old index.
 * While it loads, nothing searches it, so its periodic refresh is off ({@code refresh_interval: -1}: fewer,
 * larger segments, less merging); the swap restores the template's interval before its own refresh.
 *
 * <p><b>Set-up.</b> The first call that reaches the cluster creates the index {@code <alias>-000001} from
 * {@code elasticsearch/records-template.json} with the alias, unless the alias already exists; a
 * cluster that is down at {@link #open} is not an error: every call tries again and, while the cluster
 * cannot be reached, throws {@link IndexUnavailableException}.
 *
 * <p><b>Writes.</b> {@link #upsert} indexes by {@code _id} = canonical id in bulk requests of
 * {@link ElasticsearchSettings#bulkSize()} records, at most {@link ElasticsearchSettings#maxInFlight()}
 * at once (the caller blocks beyond that: back-pressure), each request's documents built on as many threads
 * as there are cores while the caller waits; items the cluster rejects as overloaded (429)
 * are retried. Items refused for a reason of their own are reported together, per record, in an
 * {@link IndexWriteException} thrown after every other record has been written. Writes are durable
 * once {@code upsert} returns (Elasticsearch's translog) and visible after {@link #commit()} (a refresh);
 * the cluster also refreshes on its own every second, which the contract allows.
 *
 * <p>Thread-safe. {@link #close()} is idempotent; other calls after it throw {@link IllegalStateException}.
 */
public final class ElasticsearchSearchIndex implements SearchIndex {

    private static final System.Logger LOG = System.getLogger(ElasticsearchSearchIndex.class.getName());

    private static final String FACET_VALUES = "values";
    /** Values per facet {@link #stats()} counts: more than any facet has (counties, kinds, sources, themes). */
    private static final int STATS_VALUES = 1000;
    /** Attempts of a bulk item the cluster rejected as overloaded, and the pause before the first retry. */
    private static final int MAX_ATTEMPTS = 4;
    private static final long RETRY_PAUSE_MS = 200;
    /** Elasticsearch's largest cardinality precision threshold: counts are exact up to about this many works. */
    static final int WORKS_PRECISION = 40_000;
    private static final String WORKS = "works";
    private static final String WORK_HITS = "work";
    private static final String REBUILD_SUFFIX = "-rebuild";
    /** The {@code refresh_interval} that turns periodic refreshes off. */
    private static final String NO_REFRESH = "-1";

    private final ElasticsearchSettings settings;
    private final Rest5ClientTransport transport;
    private final ElasticsearchClient client;
    private final ElasticsearchAsyncClient asyncClient;
    private final JsonMapper json = JsonMapper.builder().build();
    private final RecordDocuments documents = new RecordDocuments(json);
    private final QueryBuilder queries = new QueryBuilder(documents);
    private final RecordHighlighter highlighter = new RecordHighlighter();
    private final Semaphore inFlight;
    /** Builds each bulk request's documents on every core: the Java-side analysis is what caps bulk indexing. */
    private final BatchBuilder batches = new BatchBuilder(Runtime.getRuntime().availableProcessors());
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean ready;
    /** The template new indices are created from: what the cluster's plugins allow. */
    private volatile IndexTemplate template = new IndexTemplate(Set.of());
    /** The template the index behind the alias was created from: what queries may use. */
    private volatile IndexTemplate liveTemplate = new IndexTemplate(Set.of());
    private final AtomicReference<Rebuild> rebuilding = new AtomicReference<>();

    private ElasticsearchSearchIndex(ElasticsearchSettings settings) {
        this.settings = settings;
        Timeout timeout = Timeout.of(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        Rest5Client rest = Rest5Client.builder(settings.url())
                .setConnectionConfigCallback(c -> c.setConnectTimeout(timeout).setSocketTimeout(timeout))
                .setRequestConfigCallback(r -> r.setConnectionRequestTimeout(timeout).setResponseTimeout(timeout))
                .build();
        this.transport = new Rest5ClientTransport(rest, new JacksonJsonpMapper());
        this.client = new ElasticsearchClient(transport);
        this.asyncClient = new ElasticsearchAsyncClient(transport);
        this.inFlight = new Semaphore(settings.maxInFlight());
    }

    /**
     * Connects to the cluster and, when it answers, sets up the index (see the class comment). Never
     * fails because the cluster is down: the first call that needs it reports that.
     */
    public static ElasticsearchSearchIndex open(ElasticsearchSettings settings) {
        Objects.requireNonNull(settings, "settings");
        ElasticsearchSearchIndex index = new ElasticsearchSearchIndex(settings);
        try {
            index.ensureReady();
        } catch (IndexUnavailableException e) {
            LOG.log(Level.WARNING, "{0}; the index will be set up when the cluster answers", e.getMessage());
        }
        return index;
    }

    /** The settings this index was opened with. */
    public ElasticsearchSettings settings() {
        return settings;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IndexWriteException after all other records are written, listing each refused record and why
     * @throws IndexUnavailableException when the cluster cannot be reached; some records may have been
     *     written (upserts are idempotent: write them all again)
     */
    @Override
    public void upsert(Collection<CanonicalRecord> records) {
        ensureOpen();
        if (records.isEmpty()) {
            return;
        }
        ensureReady();
        // Bulk requests run concurrently, so a record given twice is sent once: its last version, as in Lucene.
        Map<String, CanonicalRecord> latest = new LinkedHashMap<>();
        for (CanonicalRecord record : records) {
            latest.remove(record.id());
            latest.put(record.id(), record);
        }
        List<CanonicalRecord> list = List.copyOf(latest.values());
        List<String> ids = list.stream().map(CanonicalRecord::id).toList();
        BulkOperation[] operations = new BulkOperation[list.size()];
        try {
            write(settings.indexAlias(), ids, i -> operations[i] = indexOperation(list.get(i)), "upsert");
        } catch (IndexWriteException e) {
            // The records the index accepted are written; a rebuild must get them too.
            mirror(ids, i -> operations[i], "upsert");
            throw e;
        }
        mirror(ids, i -> operations[i], "upsert");
    }

    private BulkOperation indexOperation(CanonicalRecord record) {
        BinaryData doc = BinaryData.of(documents.toJson(record), ContentType.APPLICATION_JSON);
        return BulkOperation.of(o -> o.index(i -> i.id(record.id()).document(doc)));
    }

    private static BulkOperation deleteOperation(String id) {
        return BulkOperation.of(o -> o.delete(d -> d.id(id)));
    }

    /** Applies a write through the live index to an open rebuild too, so that the swap does not lose it. */
    private void mirror(List<String> ids, IntFunction<BulkOperation> operation, String what) {
        Rebuild rebuild = rebuilding.get();
        if (rebuild != null && rebuild.isOpen()) {
            write(rebuild.writeAlias, ids, operation, what + " (mirrored into the rebuild " + rebuild.name + ")");
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IndexUnavailableException when the cluster cannot be reached
     */
    @Override
    public void delete(Collection<String> ids) {
        ensureOpen();
        if (ids.isEmpty()) {
            return;
        }
        ensureReady();
        List<String> list = List.copyOf(ids);
        write(settings.indexAlias(), list, i -> deleteOperation(list.get(i)), "delete");
        mirror(list, i -> deleteOperation(list.get(i)), "delete");
    }

    /**
     * Refreshes the index: every write acknowledged so far becomes searchable.
     *
     * @throws IndexUnavailableException when the cluster cannot be reached
     */
    @Override
    public void commit() {
        ensureOpen();
        ensureReady();
        call("refresh", () -> client.indices().refresh(r -> r.index(settings.indexAlias())));
    }

    /**
     * {@inheritDoc}
     *
     * @throws IndexUnavailableException when the cluster cannot be reached or cannot search now
     */
    @Override
    public SearchResult search(SearchQuery query) {
        ensureOpen();
        long started = System.nanoTime();
        SearchLimits.checkWindow(query);
        IndexTemplate analysis = liveTemplate;
        Query text = queries.text(query.text(), analysis);
        Map<Facet, List<String>> filters = SearchLimits.filterValues(query.filters());
        ensureReady();
        if (liveTemplate != analysis) {
            text = queries.text(query.text(), liveTemplate);
        }
        boolean collapse = query.collapse() == SearchQuery.Collapse.WORK;
        boolean full = query.detail() == SearchQuery.Detail.FULL;
        Map<String, Aggregation> aggregations = new LinkedHashMap<>();
        for (Facet facet : full ? Facet.values() : new Facet[0]) {
            // Drill sideways: a facet counts under every filter but its own, so a reader can widen too.
            Map<Facet, List<String>> others = new EnumMap<>(Facet.class);
            others.putAll(filters);
            others.remove(facet);
            aggregations.put(facet.param(), Aggregation.of(a -> a
                    .filter(QueryBuilder.filter(others))
                    .aggregations(FACET_VALUES, v -> v.terms(t -> t.field(facet.param()).size(SearchLimits.FACET_VALUES)))));
        }
        if (collapse) {
            // Aggregations ignore the post filter, so the works are counted under the filters explicitly.
            aggregations.put(WORKS, Aggregation.of(a -> a
                    .filter(QueryBuilder.filter(filters))
                    .aggregations(WORKS, v -> v.cardinality(c -> c.field(IndexFields.WORK_ID)
                            .precisionThreshold(WORKS_PRECISION)))));
        }
        Query textQuery = text;
        SearchRequest.Builder request = new SearchRequest.Builder()
                .index(settings.indexAlias())
                .query(textQuery)
                .from((query.page() - 1) * query.size())
                .size(query.size())
                .trackTotalHits(t -> t.enabled(true))
                .sort(s -> s.score(o -> o.order(SortOrder.Desc)))
                .sort(s -> s.field(f -> f.field(IndexFields.ID).order(SortOrder.Asc)))
                .source(s -> s.filter(f -> f.includes(RecordDocuments.RECORD)));
        if (!aggregations.isEmpty()) {
            request.aggregations(aggregations);
        }
        if (!filters.isEmpty()) {
            request.postFilter(QueryBuilder.filter(filters));
        }
        if (collapse) {
            // The inner hits' total is the work's matching records; no inner hit itself is needed.
            request.collapse(c -> c.field(IndexFields.WORK_ID).innerHits(i -> i.name(WORK_HITS).size(0)));
        }
        SearchResponse<ObjectNode> response = call("search for q=" + query.text(),
                () -> client.search(request.build(), ObjectNode.class));
        List<CanonicalRecord> records = new ArrayList<>();
        List<Optional<Long>> workSizes = new ArrayList<>();
        for (Hit<ObjectNode> hit : response.hits().hits()) {
            records.add(recordOf(hit.id(), hit.source()));
            workSizes.add(collapse ? Optional.of(workSize(hit)) : Optional.empty());
        }
        List<Map<String, List<String>>> highlights = full ? highlighter.highlight(query.text(), records)
                : Collections.nCopies(records.size(), Map.of());
        List<SearchResult.Hit> hits = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            hits.add(SearchResult.Hit.of(records.get(i), highlights.get(i), workSizes.get(i)));
        }
        Map<Facet, List<SearchResult.FacetCount>> facets = new EnumMap<>(Facet.class);
        for (Facet facet : Facet.values()) {
            List<SearchResult.FacetCount> counts = new ArrayList<>();
            if (!full) {
                facets.put(facet, counts);
                continue;
            }
            for (StringTermsBucket bucket : response.aggregations().get(facet.param()).filter()
                    .aggregations().get(FACET_VALUES).sterms().buckets().array()) {
                counts.add(new SearchResult.FacetCount(bucket.key().stringValue(), bucket.docCount()));
            }
            facets.put(facet, counts);
        }
        long total = response.hits().total() == null ? records.size() : response.hits().total().value();
        Optional<Long> works = collapse
                ? Optional.of(response.aggregations().get(WORKS).filter().aggregations().get(WORKS).cardinality().value())
                : Optional.empty();
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        return new SearchResult(total, tookMs, hits, facets, works);
    }

    private long workSize(Hit<ObjectNode> hit) {
        InnerHitsResult inner = hit.innerHits().get(WORK_HITS);
        if (inner == null || inner.hits().total() == null) {
            throw new IllegalStateException(describe() + " returned collapsed hit " + hit.id() + " without its work's count");
        }
        return inner.hits().total().value();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IndexUnavailableException when the cluster cannot be reached
     */
    @Override
    public IndexRebuild rebuild() {
        ensureOpen();
        ensureReady();
        // Serialised, so a second rebuild is refused before it looks for a free index name.
        synchronized (rebuilding) {
            if (rebuilding.get() != null) {
                throw new IllegalStateException("a rebuild of " + describe() + " is already open");
            }
            String name = nextIndexName();
            IndexTemplate variant = template;
            Rebuild rebuild = new Rebuild(name, settings.indexAlias() + REBUILD_SUFFIX, variant);
            createIndex(name, variant, rebuild.writeAlias);
            refreshInterval(name, NO_REFRESH);
            rebuilding.set(rebuild);
            LOG.log(Level.INFO, "rebuilding {0}: loading the new index {1} ({2})", describe(), name, variant.describe());
            return rebuild;
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IndexUnavailableException when the cluster cannot be reached
     */
    @Override
    public List<CanonicalRecord> lookup(Lookup lookup) {
        ensureOpen();
        Objects.requireNonNull(lookup, "lookup");
        ensureReady();
        List<CanonicalRecord> records = new ArrayList<>();
        for (Hit<ObjectNode> hit : lookUp(lookup, List.of(RecordDocuments.RECORD))) {
            records.add(recordOf(hit.id(), hit.source()));
        }
        return records;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The cluster returns only the stored record's id, work id, library and holdings ({@code _source}
     * filtering), so neither the transfer nor the parsing pays for the rest of the record.
     */
    @Override
    public List<RecordHoldings> holdings(Lookup lookup) {
        ensureOpen();
        Objects.requireNonNull(lookup, "lookup");
        ensureReady();
        List<String> fields = HOLDINGS_FIELDS.stream().map(f -> RecordDocuments.RECORD + "." + f).toList();
        List<RecordHoldings> records = new ArrayList<>();
        for (Hit<ObjectNode> hit : lookUp(lookup, fields)) {
            JsonNode record = hit.source() == null ? null : hit.source().get(RecordDocuments.RECORD);
            if (record == null) {
                throw new IllegalStateException("document " + hit.id() + " in " + settings.indexAlias() + " at "
                        + settings.url() + " has no " + RecordDocuments.RECORD + "; was it written by another program?");
            }
            try {
                records.add(documents.toHoldings(record.toString()));
            } catch (JacksonException e) {
                throw new IllegalStateException("stored holdings of " + hit.id() + " in " + settings.indexAlias()
                        + " cannot be read back: " + e.getOriginalMessage(), e);
            }
        }
        return records;
    }

    /** The properties of a stored record that make its {@link RecordHoldings}. */
    private static final List<String> HOLDINGS_FIELDS = List.of("id", "workId", "library", "holdings");

    /** The hits of a lookup, sorted by id, with only these {@code _source} paths. */
    private List<Hit<ObjectNode>> lookUp(Lookup lookup, List<String> sourcePaths) {
        String field = lookupField(lookup.key());
        Query query;
        if (lookup.key() == Lookup.Key.CALL_NUMBER_PREFIX) {
            List<Query> prefixes = lookup.terms().stream()
                    .map(term -> Query.of(q -> q.prefix(p -> p.field(field).value(term)))).toList();
            query = Query.of(q -> q.bool(b -> b.should(prefixes).minimumShouldMatch("1")));
        } else {
            List<FieldValue> terms = lookup.terms().stream().map(FieldValue::of).toList();
            query = Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(terms))));
        }
        Query constant = Query.of(q -> q.constantScore(c -> c.filter(query)));
        SearchResponse<ObjectNode> response = call("look up " + lookup, () -> client.search(s -> s
                .index(settings.indexAlias())
                .query(constant)
                .size(lookup.limit())
                .sort(o -> o.field(f -> f.field(IndexFields.ID).order(SortOrder.Asc)))
                .source(src -> src.filter(f -> f.includes(sourcePaths))), ObjectNode.class));
        return response.hits().hits();
    }

    /** The keyword field a lookup key is matched on, as the Lucene engine matches it. */
    private static String lookupField(Lookup.Key key) {
        return switch (key) {
            case ISBN -> IndexFields.ISBN;
            case BARCODE -> IndexFields.BARCODE;
            case CALL_NUMBER_PREFIX -> IndexFields.CALL_NUMBER;
            case WORK_ID -> IndexFields.WORK_ID;
        };
    }

    /**
     * {@inheritDoc}
     *
     * @throws IndexUnavailableException when the cluster cannot be reached
     */
    @Override
    public Optional<CanonicalRecord> get(String id) {
        ensureOpen();
        Objects.requireNonNull(id, "id");
        ensureReady();
        GetResponse<ObjectNode> response = call("get " + id, () -> client.get(
                g -> g.index(settings.indexAlias()).id(id).sourceIncludes(RecordDocuments.RECORD), ObjectNode.class));
        return response.found() ? Optional.of(recordOf(id, response.source())) : Optional.empty();
    }

    /** How long a scan's point in time lives between two of its pages. */
    private static final String SCAN_KEEP_ALIVE = "2m";

    /**
     * {@inheritDoc} Opens a point in time on the alias and pages through it in {@code _shard_doc} order with
     * {@code search_after}, reading only the id and the catalogued title, creator names and subjects of
     * {@code _source}; the point in time is closed when the scan ends, also when it fails.
     *
     * @throws IndexUnavailableException when the cluster cannot be reached
     */
    @Override
    public void scanHeadings(int batchSize, Consumer<List<RecordHeadings>> batches) {
        ensureOpen();
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive; got: " + batchSize);
        }
        Objects.requireNonNull(batches, "batches");
        ensureReady();
        String pit = call("open a point in time on " + settings.indexAlias(), () -> client.openPointInTime(
                o -> o.index(settings.indexAlias()).keepAlive(k -> k.time(SCAN_KEEP_ALIVE)))).id();
        try {
            List<FieldValue> after = List.of();
            while (true) {
                List<FieldValue> from = after;
                SearchRequest.Builder request = new SearchRequest.Builder()
                        .pit(p -> p.id(pit).keepAlive(k -> k.time(SCAN_KEEP_ALIVE)))
                        .size(batchSize)
                        .trackTotalHits(t -> t.enabled(false))
                        .sort(o -> o.field(f -> f.field("_shard_doc").order(SortOrder.Asc)))
                        .source(src -> src.filter(f -> f.includes(IndexFields.ID, RecordDocuments.RECORD + ".title",
                                RecordDocuments.RECORD + ".creators.name", RecordDocuments.RECORD + ".subjects")));
                if (!from.isEmpty()) {
                    request.searchAfter(from);
                }
                SearchRequest built = request.build();
                List<Hit<ObjectNode>> hits = call("scan " + settings.indexAlias(),
                        () -> client.search(built, ObjectNode.class)).hits().hits();
                if (hits.isEmpty()) {
                    return;
                }
                List<RecordHeadings> batch = new ArrayList<>(hits.size());
                for (Hit<ObjectNode> hit : hits) {
                    batch.add(headingsOf(hit.id(), hit.source()));
                }
                batches.accept(batch);
                if (hits.size() < batchSize) {
                    return;
                }
                after = hits.get(hits.size() - 1).sort();
            }
        } finally {
            try {
                client.closePointInTime(c -> c.id(pit));
            } catch (IOException | RuntimeException e) {
                // It expires by itself after SCAN_KEEP_ALIVE; the scan's own outcome matters more.
                LOG.log(Level.WARNING, "could not close the point in time of a scan of {0}: {1}", settings.indexAlias(), e.getMessage());
            }
        }
    }

    private static RecordHeadings headingsOf(String id, ObjectNode source) {
        JsonNode record = source == null ? null : source.get(RecordDocuments.RECORD);
        if (record == null) {
            return new RecordHeadings(id, "", List.of(), List.of());
        }
        List<String> creators = new ArrayList<>();
        record.path("creators").forEach(c -> {
            if (c.path("name").isTextual()) {
                creators.add(c.path("name").asText());
            }
        });
        List<String> subjects = new ArrayList<>();
        record.path("subjects").forEach(s -> {
            if (s.isTextual()) {
                subjects.add(s.asText());
            }
        });
        return new RecordHeadings(id, record.path("title").asText(""), creators, subjects);
    }

    /**
     * {@inheritDoc} Terms aggregations of up to {@value #STATS_VALUES} values per facet and a sum of
     * {@code media_bytes}, in one request that returns no hits.
     *
     * @throws IndexUnavailableException when the cluster cannot be reached
     */
    @Override
    public IndexStats stats() {
        ensureOpen();
        ensureReady();
        Map<String, Aggregation> aggregations = new LinkedHashMap<>();
        for (Facet facet : Facet.values()) {
            aggregations.put(facet.param(), Aggregation.of(a -> a.terms(t -> t.field(facet.param()).size(STATS_VALUES))));
        }
        aggregations.put(IndexFields.MEDIA_BYTES, Aggregation.of(a -> a.sum(s -> s.field(IndexFields.MEDIA_BYTES))));
        SearchRequest request = new SearchRequest.Builder()
                .index(settings.indexAlias())
                .size(0)
                .trackTotalHits(t -> t.enabled(true))
                .aggregations(aggregations)
                .build();
        SearchResponse<ObjectNode> response = call("stats", () -> client.search(request, ObjectNode.class));
        Map<Facet, List<SearchResult.FacetCount>> facets = new EnumMap<>(Facet.class);
        for (Facet facet : Facet.values()) {
            List<SearchResult.FacetCount> counts = new ArrayList<>();
            for (StringTermsBucket bucket : response.aggregations().get(facet.param()).sterms().buckets().array()) {
                counts.add(new SearchResult.FacetCount(bucket.key().stringValue(), bucket.docCount()));
            }
            facets.put(facet, counts);
        }
        long total = response.hits().total() == null ? 0 : response.hits().total().value();
        // A sum aggregation is a double: exact for sums below 2^53 bytes (8 PB).
        long bytes = Math.round(response.aggregations().get(IndexFields.MEDIA_BYTES).sum().value());
        return new IndexStats(total, facets, bytes);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IndexUnavailableException when the cluster cannot be reached
     */
    @Override
    public long count() {
        ensureOpen();
        ensureReady();
        return call("count", () -> client.count(c -> c.index(settings.indexAlias()))).count();
    }

    /** Closes the connection pool and the analyzers. Idempotent. */
    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            transport.close();
        } finally {
            batches.close();
            highlighter.close();
            queries.close();
            documents.close();
        }
    }

    private CanonicalRecord recordOf(String id, ObjectNode source) {
        JsonNode record = source == null ? null : source.get(RecordDocuments.RECORD);
        if (record == null) {
            throw new IllegalStateException("document " + id + " in " + settings.indexAlias() + " at "
                    + settings.url() + " has no " + RecordDocuments.RECORD + "; was it written by another program?");
        }
        try {
            return documents.toRecord(record.toString());
        } catch (JacksonException e) {
            throw new IllegalStateException("stored record " + id + " in " + settings.indexAlias()
                    + " cannot be read back: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Sends the operations in bulk requests, at most maxInFlight at once, and reports refused items. Each
     * batch's operations are made (documents analysed and serialised, on several threads: {@link BatchBuilder})
     * just before it is sent, so that the analysis of one batch overlaps the cluster indexing the previous ones,
     * and a large write never holds every document at once.
     *
     * @param operation the operation of the record at a position of {@code ids}; called once per position,
     *     concurrently for different positions
     */
    private void write(String target, List<String> ids, IntFunction<BulkOperation> operation, String what) {
        ConcurrentMap<Integer, IndexWriteException.Failure> failures = new ConcurrentHashMap<>();
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        BulkOperation[] built = new BulkOperation[ids.size()];
        List<BulkOperation> operations = Arrays.asList(built);
        try {
            for (int from = 0; from < built.length; from += settings.bulkSize()) {
                int to = Math.min(built.length, from + settings.bulkSize());
                batches.build(built, from, to, operation);
                List<Integer> positions = new ArrayList<>(to - from);
                for (int i = from; i < to; i++) {
                    positions.add(i);
                }
                inFlight.acquire();
                CompletableFuture<Void> batch;
                try {
                    batch = bulk(target, operations, ids, positions, 1, failures);
                } catch (RuntimeException e) {
                    inFlight.release();
                    throw e;
                }
                pending.add(batch.whenComplete((ok, error) -> inFlight.release()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IndexUnavailableException("interrupted while writing to " + describe()
                    + "; some records may not be written", e);
        } finally {
            awaitAll(pending, what);
        }
        if (!failures.isEmpty()) {
            List<IndexWriteException.Failure> ordered = new ArrayList<>(new TreeMap<>(failures).values());
            throw new IndexWriteException("Elasticsearch index " + target, ordered);
        }
    }

    private CompletableFuture<Void> bulk(String target, List<BulkOperation> operations, List<String> ids,
            List<Integer> positions, int attempt, ConcurrentMap<Integer, IndexWriteException.Failure> failures) {
        // Writes go through aliases only: a write after the index was deleted fails instead of creating
        // an index with dynamic mappings.
        BulkRequest request = BulkRequest.of(b -> b.index(target).requireAlias(true)
                .operations(positions.stream().map(operations::get).toList()));
        return asyncClient.bulk(request).thenCompose(response -> {
            List<Integer> overloaded = new ArrayList<>();
            List<BulkResponseItem> items = response.items();
            for (int i = 0; i < items.size(); i++) {
                BulkResponseItem item = items.get(i);
                if (item.error() == null) {
                    continue;
                }
                int position = positions.get(i);
                if (item.status() == 429 && attempt < MAX_ATTEMPTS) {
                    overloaded.add(position);
                } else {
                    failures.put(position, new IndexWriteException.Failure(ids.get(position), reasonOf(item.error())));
                }
            }
            if (overloaded.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            Executor later = CompletableFuture.delayedExecutor(RETRY_PAUSE_MS << (attempt - 1), TimeUnit.MILLISECONDS);
            return CompletableFuture.supplyAsync(() -> null, later)
                    .thenCompose(x -> bulk(target, operations, ids, overloaded, attempt + 1, failures));
        });
    }

    private void awaitAll(List<CompletableFuture<Void>> pending, String what) {
        RuntimeException first = null;
        for (CompletableFuture<Void> future : pending) {
            try {
                future.join();
            } catch (CompletionException | CancellationException e) {
                if (first == null) {
                    first = translate(what, e.getCause() == null ? e : e.getCause());
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static String reasonOf(ErrorCause error) {
        StringBuilder reason = new StringBuilder().append(error.type()).append(": ").append(error.reason());
        if (error.causedBy() != null) {
            reason.append(" (caused by ").append(error.causedBy().type()).append(": ").append(error.causedBy().reason()).append(')');
        }
        return reason.toString();
    }

    private void ensureReady() {
        if (ready) {
            return;
        }
        synchronized (this) {
            if (ready) {
                return;
            }
            IndexTemplate detected = detectTemplate();
            boolean exists = call("check the index", () -> client.indices().exists(e -> e.index(settings.indexAlias()))).value();
            if (!exists) {
                createIndex(settings.indexAlias() + "-000001", detected, settings.indexAlias());
            } else {
                addLookupFields();
            }
            template = detected;
            liveTemplate = templateOfLiveIndex();
            ready = true;
        }
    }

    /**
     * Adds the lookup fields ({@link IndexFields#BARCODE}, {@link IndexFields#CALL_NUMBER}) to an index created
     * before they existed: its mapping is strict, so documents carrying them would be refused. Adding a field
     * is idempotent; records written before keep no terms in it until they are re-indexed.
     */
    private void addLookupFields() {
        call("add the lookup fields to the mapping of " + settings.indexAlias(), () -> client.indices().putMapping(p -> p
                .index(settings.indexAlias())
                .properties(IndexFields.BARCODE, f -> f.keyword(k -> k))
                .properties(IndexFields.CALL_NUMBER, f -> f.keyword(k -> k))));
    }

    /**
     * Creates an index from the template, with this alias (its write index).
     *
     * @return false when it existed already (another node created it first)
     */
    private boolean createIndex(String name, IndexTemplate variant, String alias) {
        String body = variant.json();
        try {
            call("create the index " + name, () -> client.indices().create(c -> c
                    .withJson(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))
                    .index(name)
                    .aliases(alias, a -> a.isWriteIndex(true))));
            LOG.log(Level.INFO, "created Elasticsearch index {0} behind alias {1} at {2} ({3})", name, alias,
                    settings.url(), variant.describe());
            return true;
        } catch (IllegalStateException e) {
            // Another node created it first: the alias is there now, which is all we need.
            if (e.getCause() instanceof ElasticsearchException es && es.error() != null
                    && "resource_already_exists_exception".equals(es.error().type())) {
                return false;
            }
            throw e;
        }
    }

    /** The analysis every node of the cluster offers, logged, as the template new indices are created from. */
    private IndexTemplate detectTemplate() {
        NodesInfoResponse info = call("set up the index (listing its plugins)", () -> client.nodes().info(n -> n.metric(NodesInfoMetric.Plugins)));
        List<Set<String>> perNode = new ArrayList<>();
        info.nodes().values().forEach(node -> perNode.add(node.plugins() == null ? Set.of()
                : node.plugins().stream().map(PluginStats::name).collect(java.util.stream.Collectors.toSet())));
        IndexTemplate detected = IndexTemplate.forNodes(perNode);
        if (detected.plugins().isEmpty()) {
            LOG.log(Level.INFO, "Elasticsearch at {0} has core analyzers only: Chinese is folded and segmented in Java"
                    + " (ChineseFolding, smartcn) and matched as unigram phrases", settings.url());
        } else {
            LOG.log(Level.INFO, "Elasticsearch at {0} has {1}: new indices use them ({2}); Chinese is still folded and"
                    + " segmented in Java, which decides the matches, so both engines return the same hits",
                    settings.url(), detected.describe(), detected.describe());
        }
        return detected;
    }

    /** The template the index behind the alias was created from, read from its mapping's {@code _meta.analysis}. */
    private IndexTemplate templateOfLiveIndex() {
        GetMappingResponse mappings = call("read the index mapping", () -> client.indices().getMapping(g -> g.index(settings.indexAlias())));
        Set<String> analysis = new TreeSet<>();
        mappings.mappings().values().forEach(m -> {
            JsonData meta = m.mappings().meta() == null ? null : m.mappings().meta().get("analysis");
            if (meta != null && meta.toJson() instanceof JsonArray array) {
                array.getValuesAs(JsonString.class).forEach(v -> analysis.add(v.getString()));
            }
        });
        return IndexTemplate.fromMeta(analysis);
    }

    /** Sets an index's {@code refresh_interval}, e.g. {@value #NO_REFRESH} while a rebuild loads it. */
    private void refreshInterval(String index, String interval) {
        call("set the refresh interval of " + index + " to " + interval, () -> client.indices().putSettings(p -> p
                .index(index).settings(s -> s.refreshInterval(t -> t.time(interval)))));
    }

    /** {@code <alias>-NNNNNN}, one more than the highest existing. */
    private String nextIndexName() {
        Pattern generation = Pattern.compile(Pattern.quote(settings.indexAlias()) + "-(\\d{6})");
        var existing = call("list the indices of " + settings.indexAlias(), () -> client.indices().get(g -> g
                .index(settings.indexAlias() + "-*").allowNoIndices(true).ignoreUnavailable(true)));
        int highest = 0;
        for (String name : existing.indices().keySet()) {
            Matcher m = generation.matcher(name);
            if (m.matches()) {
                highest = Math.max(highest, Integer.parseInt(m.group(1)));
            }
        }
        return String.format(Locale.ROOT, "%s-%06d", settings.indexAlias(), highest + 1);
    }

    /** The indices the alias points to now. */
    private List<String> indicesBehindAlias() {
        return new ArrayList<>(call("resolve the alias " + settings.indexAlias(),
                () -> client.indices().getAlias(g -> g.name(settings.indexAlias()))).aliases().keySet());
    }

    /** A new index being loaded; see {@link IndexRebuild}. */
    private final class Rebuild implements IndexRebuild {

        private final String name;
        /** Writes reach the new index only through this alias, so none can re-create it after it is deleted. */
        private final String writeAlias;
        private final IndexTemplate variant;
        private final AtomicReference<RebuildState> state = new AtomicReference<>(RebuildState.OPEN);

        Rebuild(String name, String writeAlias, IndexTemplate variant) {
            this.name = name;
            this.writeAlias = writeAlias;
            this.variant = variant;
        }

        boolean isOpen() {
            return state.get() == RebuildState.OPEN;
        }

        @Override
        public void upsert(Collection<CanonicalRecord> records) {
            ensureRebuilding();
            Map<String, CanonicalRecord> latest = new LinkedHashMap<>();
            for (CanonicalRecord record : records) {
                latest.remove(record.id());
                latest.put(record.id(), record);
            }
            List<CanonicalRecord> list = List.copyOf(latest.values());
            write(writeAlias, List.copyOf(latest.keySet()), i -> indexOperation(list.get(i)), "rebuild " + name);
        }

        @Override
        public void delete(Collection<String> ids) {
            ensureRebuilding();
            if (ids.isEmpty()) {
                return;
            }
            List<String> list = List.copyOf(ids);
            write(writeAlias, list, i -> deleteOperation(list.get(i)), "rebuild " + name);
        }

        @Override
        public long swap() {
            ensureRebuilding();
            refreshInterval(name, variant.refreshInterval());
            call("refresh the new index " + name, () -> client.indices().refresh(r -> r.index(name)));
            List<String> old = indicesBehindAlias();
            List<Action> actions = new ArrayList<>();
            actions.add(Action.of(a -> a.add(add -> add.index(name).alias(settings.indexAlias()).isWriteIndex(true))));
            old.forEach(index -> actions.add(Action.of(a -> a.remove(r -> r.index(index).alias(settings.indexAlias())))));
            actions.add(Action.of(a -> a.remove(r -> r.index(name).alias(writeAlias))));
            if (!state.compareAndSet(RebuildState.OPEN, RebuildState.SWAPPED)) {
                throw new IllegalStateException("the rebuild " + name + " of " + describe() + " was closed");
            }
            try {
                call("switch the alias to " + name, () -> client.indices().updateAliases(u -> u.actions(actions)));
            } catch (RuntimeException e) {
                state.set(RebuildState.OPEN);
                throw e;
            }
            liveTemplate = variant;
            rebuilding.compareAndSet(this, null);
            long count = call("count " + name, () -> client.count(c -> c.index(name))).count();
            for (String index : old) {
                try {
                    call("delete the old index " + index, () -> client.indices().delete(d -> d.index(index)));
                } catch (RuntimeException e) {
                    // The alias has moved: the old index is only wasted space now, and staff can delete it.
                    LOG.log(Level.WARNING, "cannot delete the old index {0} after the swap: {1}", index, e.getMessage());
                }
            }
            LOG.log(Level.INFO, "swapped {0} to {1} ({2} records); deleted {3}", settings.indexAlias(), name, count, old);
            return count;
        }

        @Override
        public void close() {
            if (!state.compareAndSet(RebuildState.OPEN, RebuildState.CLOSED)) {
                return;
            }
            rebuilding.compareAndSet(this, null);
            try {
                call("delete the abandoned index " + name, () -> client.indices().delete(d -> d.index(name)));
                LOG.log(Level.INFO, "abandoned the rebuild {0} of {1}", name, describe());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cannot delete the abandoned index {0}: {1}", name, e.getMessage());
            }
        }

        private void ensureRebuilding() {
            ensureOpen();
            if (state.get() != RebuildState.OPEN) {
                throw new IllegalStateException("the rebuild " + name + " of " + describe() + " is " + state.get());
            }
        }
    }

    private enum RebuildState { OPEN, SWAPPED, CLOSED }

    private <T> T call(String what, IoCall<T> call) {
        try {
            return call.run();
        } catch (IOException | RuntimeException e) {
            throw translate(what, e);
        }
    }

    /** Maps client failures to the contract's: unreachable or overloaded → unavailable; the rest are bugs. */
    private RuntimeException translate(String what, Throwable e) {
        if (e instanceof IndexUnavailableException || e instanceof InvalidQueryException
                || e instanceof IndexWriteException) {
            return (RuntimeException) e;
        }
        if (e instanceof ElasticsearchException es) {
            String type = es.error() == null ? "" : String.valueOf(es.error().type());
            String reason = es.error() == null ? es.getMessage() : reasonOf(es.error());
            if ("index_not_found_exception".equals(type)) {
                // Deleted behind our back: set it up again on the next call.
                ready = false;
                return new IndexUnavailableException(describe() + " has no index behind the alias (" + what + "): " + reason, es);
            }
            if (es.status() == 429 || es.status() >= 500) {
                return new IndexUnavailableException(describe() + " cannot " + what + " now (HTTP " + es.status() + "): " + reason, es);
            }
            if (reason.contains("too_many_clauses") || reason.contains("maxClauseCount")) {
                return new InvalidQueryException("q is too complex to search (" + reason + "); use fewer or shorter words");
            }
            return new IllegalStateException(describe() + " refused to " + what + " (HTTP " + es.status() + "): " + reason, es);
        }
        if (e instanceof IOException) {
            return new IndexUnavailableException(describe() + " cannot be reached to " + what + ": " + e, e);
        }
        if (e instanceof RuntimeException r) {
            return r;
        }
        return new IllegalStateException(describe() + " failed to " + what + ": " + e, e);
    }

    private String describe() {
        return "Elasticsearch at " + settings.url() + " (alias " + settings.indexAlias() + ")";
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException(describe() + " is closed");
        }
    }

    @FunctionalInterface
    private interface IoCall<T> {
        T run() throws IOException;
    }
}
