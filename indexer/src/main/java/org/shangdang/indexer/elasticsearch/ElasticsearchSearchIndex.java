package org.shangdang.indexer.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
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
import co.elastic.clients.elasticsearch.nodes.NodesInfoResponse;
import co.elastic.clients.elasticsearch.nodes.info.NodesInfoMetric;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
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
import org.apache.hc.core5.util.Timeout;
import org.shangdang.indexer.Facet;
import org.shangdang.indexer.IndexFields;
import org.shangdang.indexer.IndexUnavailableException;
import org.shangdang.indexer.IndexWriteException;
import org.shangdang.indexer.InvalidQueryException;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.indexer.SearchLimits;
import org.shangdang.indexer.SearchQuery;
import org.shangdang.indexer.SearchResult;
import org.shangdang.indexer.lucene.RecordHighlighter;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Creator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Elasticsearch engine: the same {@link SearchIndex} contract, hits and facet counts as the Lucene
 * engine, on an Elasticsearch 9 cluster reached through {@link ElasticsearchSettings#indexAlias()}.
 *
 * <p><b>Chinese without plugins.</b> The cluster needs core analyzers only: text is folded and segmented
 * in Java ({@link RecordDocuments}), queries are built the same way ({@link QueryBuilder}), and
 * highlights are computed in Java from the stored records with the Lucene engine's highlighter
 * ({@link RecordHighlighter}), so they mark the text as catalogued. Whether the cluster has
 * {@code analysis-smartcn}/{@code analysis-icu} is detected and logged when the index is first set up;
 * the Java-side analysis is used either way, which is what keeps both engines' hits identical.
 *
 * <p><b>Set-up.</b> The first call that reaches the cluster creates the index {@code <alias>-000001} from
 * {@code elasticsearch/records-template.json} with the alias, unless the alias already exists; a
 * cluster that is down at {@link #open} is not an error: every call tries again and, while the cluster
 * cannot be reached, throws {@link IndexUnavailableException}.
 *
 * <p><b>Writes.</b> {@link #upsert} indexes by {@code _id} = canonical id in bulk requests of
 * {@link ElasticsearchSettings#bulkSize()} records, at most {@link ElasticsearchSettings#maxInFlight()}
 * at once (the caller blocks beyond that: back-pressure); items the cluster rejects as overloaded (429)
 * are retried. Items refused for a reason of their own are reported together, per record, in an
 * {@link IndexWriteException} thrown after every other record has been written. Writes are durable
 * once {@code upsert} returns (Elasticsearch's translog) and visible after {@link #commit()} (a refresh);
 * the cluster also refreshes on its own every second, which the contract allows.
 *
 * <p>Thread-safe. {@link #close()} is idempotent; other calls after it throw {@link IllegalStateException}.
 */
public final class ElasticsearchSearchIndex implements SearchIndex {

    private static final System.Logger LOG = System.getLogger(ElasticsearchSearchIndex.class.getName());

    static final String TEMPLATE = "/elasticsearch/records-template.json";
    /** Plugins whose analyzers a production cluster may offer. */
    private static final Set<String> ANALYSIS_PLUGINS = Set.of("analysis-smartcn", "analysis-icu");
    private static final String FACET_VALUES = "values";
    /** Attempts of a bulk item the cluster rejected as overloaded, and the pause before the first retry. */
    private static final int MAX_ATTEMPTS = 4;
    private static final long RETRY_PAUSE_MS = 200;

    private final ElasticsearchSettings settings;
    private final Rest5ClientTransport transport;
    private final ElasticsearchClient client;
    private final ElasticsearchAsyncClient asyncClient;
    private final JsonMapper json = JsonMapper.builder().build();
    private final RecordDocuments documents = new RecordDocuments(json);
    private final QueryBuilder queries = new QueryBuilder(documents);
    private final RecordHighlighter highlighter = new RecordHighlighter();
    private final Semaphore inFlight;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean ready;

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
        List<BulkOperation> operations = new ArrayList<>(list.size());
        for (CanonicalRecord record : list) {
            BinaryData doc = BinaryData.of(documents.toJson(record), ContentType.APPLICATION_JSON);
            operations.add(BulkOperation.of(o -> o.index(i -> i.id(record.id()).document(doc))));
        }
        write(operations, list.stream().map(CanonicalRecord::id).toList(), "upsert");
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
        List<BulkOperation> operations = list.stream()
                .map(id -> BulkOperation.of(o -> o.delete(d -> d.id(id))))
                .toList();
        write(operations, list, "delete");
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
        Query text = queries.text(query.text());
        Map<Facet, List<String>> filters = SearchLimits.filterValues(query.filters());
        ensureReady();
        Map<String, Aggregation> aggregations = new LinkedHashMap<>();
        for (Facet facet : Facet.values()) {
            // Drill sideways: a facet counts under every filter but its own, so a reader can widen too.
            Map<Facet, List<String>> others = new EnumMap<>(Facet.class);
            others.putAll(filters);
            others.remove(facet);
            aggregations.put(facet.param(), Aggregation.of(a -> a
                    .filter(QueryBuilder.filter(others))
                    .aggregations(FACET_VALUES, v -> v.terms(t -> t.field(facet.param()).size(SearchLimits.FACET_VALUES)))));
        }
        SearchRequest.Builder request = new SearchRequest.Builder()
                .index(settings.indexAlias())
                .query(text)
                .from((query.page() - 1) * query.size())
                .size(query.size())
                .trackTotalHits(t -> t.enabled(true))
                .sort(s -> s.score(o -> o.order(SortOrder.Desc)))
                .sort(s -> s.field(f -> f.field(IndexFields.ID).order(SortOrder.Asc)))
                .source(s -> s.filter(f -> f.includes(RecordDocuments.RECORD)))
                .aggregations(aggregations);
        if (!filters.isEmpty()) {
            request.postFilter(QueryBuilder.filter(filters));
        }
        SearchResponse<ObjectNode> response = call("search for q=" + query.text(),
                () -> client.search(request.build(), ObjectNode.class));
        List<CanonicalRecord> records = new ArrayList<>();
        for (Hit<ObjectNode> hit : response.hits().hits()) {
            records.add(recordOf(hit.id(), hit.source()));
        }
        List<Map<String, List<String>>> highlights = highlighter.highlight(query.text(), records);
        List<SearchResult.Hit> hits = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            CanonicalRecord record = records.get(i);
            hits.add(new SearchResult.Hit(
                    record.id(),
                    record.title(),
                    record.creators().stream().map(Creator::name).toList(),
                    record.year(),
                    record.kind().facetValue(),
                    record.sourceId(),
                    highlights.get(i)));
        }
        Map<Facet, List<SearchResult.FacetCount>> facets = new EnumMap<>(Facet.class);
        for (Facet facet : Facet.values()) {
            List<SearchResult.FacetCount> counts = new ArrayList<>();
            for (StringTermsBucket bucket : response.aggregations().get(facet.param()).filter()
                    .aggregations().get(FACET_VALUES).sterms().buckets().array()) {
                counts.add(new SearchResult.FacetCount(bucket.key().stringValue(), bucket.docCount()));
            }
            facets.put(facet, counts);
        }
        long total = response.hits().total() == null ? records.size() : response.hits().total().value();
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        return new SearchResult(total, tookMs, hits, facets);
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

    /** Sends the operations in bulk requests, at most maxInFlight at once, and reports refused items. */
    private void write(List<BulkOperation> operations, List<String> ids, String what) {
        ConcurrentMap<Integer, IndexWriteException.Failure> failures = new ConcurrentHashMap<>();
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        try {
            for (int from = 0; from < operations.size(); from += settings.bulkSize()) {
                List<Integer> positions = new ArrayList<>();
                for (int i = from; i < Math.min(operations.size(), from + settings.bulkSize()); i++) {
                    positions.add(i);
                }
                inFlight.acquire();
                CompletableFuture<Void> batch;
                try {
                    batch = bulk(operations, ids, positions, 1, failures);
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
            throw new IndexWriteException("Elasticsearch index " + settings.indexAlias(), ordered);
        }
    }

    private CompletableFuture<Void> bulk(List<BulkOperation> operations, List<String> ids, List<Integer> positions,
            int attempt, ConcurrentMap<Integer, IndexWriteException.Failure> failures) {
        BulkRequest request = BulkRequest.of(b -> b.index(settings.indexAlias())
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
                    .thenCompose(x -> bulk(operations, ids, overloaded, attempt + 1, failures));
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
            logAnalysis();
            boolean exists = call("check the index", () -> client.indices().exists(e -> e.index(settings.indexAlias()))).value();
            if (!exists) {
                createIndex();
            }
            ready = true;
        }
    }

    private void createIndex() {
        String name = settings.indexAlias() + "-000001";
        try (InputStream template = ElasticsearchSearchIndex.class.getResourceAsStream(TEMPLATE)) {
            if (template == null) {
                throw new IllegalStateException("the index template " + TEMPLATE + " is missing from the class path");
            }
            call("create the index " + name, () -> client.indices().create(c -> c.withJson(template)
                    .index(name)
                    .aliases(settings.indexAlias(), a -> a.isWriteIndex(true))));
            LOG.log(Level.INFO, "created Elasticsearch index {0} behind alias {1} at {2}", name, settings.indexAlias(), settings.url());
        } catch (ElasticsearchException e) {
            // Another node created it first: the alias is there now, which is all we need.
            if (e.error() == null || !"resource_already_exists_exception".equals(e.error().type())) {
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the index template " + TEMPLATE, e);
        }
    }

    private void logAnalysis() {
        NodesInfoResponse info = call("set up the index (listing its plugins)", () -> client.nodes().info(n -> n.metric(NodesInfoMetric.Plugins)));
        Set<String> found = new TreeSet<>();
        info.nodes().values().forEach(node -> {
            if (node.plugins() != null) {
                node.plugins().stream().map(PluginStats::name).filter(ANALYSIS_PLUGINS::contains).forEach(found::add);
            }
        });
        if (found.isEmpty()) {
            LOG.log(Level.INFO, "Elasticsearch at {0} has core analyzers only: Chinese is folded and segmented in Java"
                    + " (ChineseFolding, smartcn) and matched as unigram phrases", settings.url());
        } else {
            LOG.log(Level.INFO, "Elasticsearch at {0} has {1}; Chinese is still folded and segmented in Java so that"
                    + " both engines return the same hits", settings.url(), found);
        }
    }

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
