package org.shangdang.indexer.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.facet.DrillSideways;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedSetSelector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;
import org.shangdang.indexer.Facet;
import org.shangdang.indexer.IndexFields;
import org.shangdang.indexer.InvalidQueryException;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.indexer.SearchQuery;
import org.shangdang.indexer.SearchLimits;
import org.shangdang.indexer.SearchResult;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Creator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embedded engine: one Lucene index in a directory of the local file system.
 *
 * <p>Writes go to an {@link IndexWriter}; {@link #commit()} makes them durable and then refreshes the
 * near-real-time searcher, so searches, {@link #get} and {@link #count()} see what was written before
 * the last commit (plus, when other threads write during that commit, possibly some of their writes,
 * which their own commit then makes durable). Writes not committed when the index is closed are
 * discarded, as the {@link SearchIndex} contract allows: callers checkpoint only after {@code commit()}.
 *
 * <p>Facet ordinals are rebuilt once per refresh (in {@code commit()}), not per search.
 *
 * <p>Thread-safe: any number of threads may write and search at once. {@link #close()} is idempotent;
 * other calls after it throw {@link IllegalStateException}. I/O failures (disk full, index corrupt)
 * surface as {@link UncheckedIOException}: they are setup failures, not a fault of a record or query.
 */
public final class LuceneSearchIndex implements SearchIndex {

    /** Hits a reader can page through, see {@link SearchLimits#MAX_WINDOW}. */
    public static final int MAX_WINDOW = SearchLimits.MAX_WINDOW;
    /** Values shown per facet. */
    public static final int FACET_VALUES = SearchLimits.FACET_VALUES;

    /** Best first; equal scores in id order, so paging is stable. */
    private static final Sort RELEVANCE = new Sort(SortField.FIELD_SCORE, KeywordField.newSortField(
            IndexFields.ID, false, SortedSetSelector.Type.MIN));

    private final Path path;
    private final Directory directory;
    private final Analyzer analyzer;
    private final FacetsConfig facetsConfig;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final QueryTranslator translator;
    private final JsonMapper json;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LuceneSearchIndex(Path path) throws IOException {
        this.path = path;
        this.analyzer = IndexFields.newIndexAnalyzer();
        this.facetsConfig = IndexFields.newFacetsConfig();
        this.json = JsonMapper.builder().build();
        this.translator = new QueryTranslator();
        Directory dir = null;
        IndexWriter w = null;
        try {
            dir = FSDirectory.open(path);
            w = new IndexWriter(dir, new IndexWriterConfig(analyzer)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    // Only commit() makes writes durable; see the class comment.
                    .setCommitOnClose(false));
            this.searchers = new SearcherManager(w, FacetedSearcher.factory(facetsConfig));
        } catch (IOException | RuntimeException e) {
            IOUtils.closeWhileHandlingException(w, dir, translator, analyzer);
            throw e;
        }
        this.directory = dir;
        this.writer = w;
    }

    /**
     * Opens the index in this directory, creating the directory and an empty index when absent.
     *
     * @throws UncheckedIOException when the directory cannot be created or the index cannot be opened
     *     (held by another process, corrupt)
     */
    public static LuceneSearchIndex open(Path dir) {
        Objects.requireNonNull(dir, "dir");
        try {
            Files.createDirectories(dir);
            return new LuceneSearchIndex(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the Lucene index at " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException naming the record when Lucene refuses its document (e.g. a term
     *     longer than 32766 bytes); the records before it in the collection are written
     */
    @Override
    public void upsert(Collection<CanonicalRecord> records) {
        ensureOpen();
        for (CanonicalRecord record : records) {
            Document doc;
            try {
                doc = facetsConfig.build(IndexFields.toDocument(record, json));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot build the document of record " + record.id(), e);
            }
            try {
                writer.updateDocument(new Term(IndexFields.ID, record.id()), doc);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Lucene refused record " + record.id() + ": " + e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write record " + record.id() + " to " + path, e);
            }
        }
    }

    @Override
    public void delete(Collection<String> ids) {
        ensureOpen();
        if (ids.isEmpty()) {
            return;
        }
        Term[] terms = ids.stream().map(id -> new Term(IndexFields.ID, id)).toArray(Term[]::new);
        try {
            writer.deleteDocuments(terms);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + ids.size() + " records from " + path, e);
        }
    }

    @Override
    public void commit() {
        ensureOpen();
        try {
            writer.commit();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit the index at " + path, e);
        }
    }

    @Override
    public SearchResult search(SearchQuery query) {
        ensureOpen();
        long started = System.nanoTime();
        SearchLimits.checkWindow(query);
        int window = query.page() * query.size();
        Query textQuery = translator.translate(query.text());
        DrillDownQuery filtered = withFilters(textQuery, query.filters());
        FacetedSearcher searcher = acquire();
        try {
            TopDocs top;
            Map<Facet, List<SearchResult.FacetCount>> facets;
            if (searcher.facetState().isPresent()) {
                DrillSideways sideways = new DrillSideways(searcher, facetsConfig, searcher.facetState().get());
                DrillSideways.DrillSidewaysResult result = sideways.search(filtered, null, null, window, RELEVANCE, true);
                top = result.hits;
                facets = facetCounts(result.facets);
            } else {
                top = searcher.search(filtered, window, RELEVANCE, true);
                facets = emptyFacets();
            }
            ScoreDoc[] page = pageOf(top.scoreDocs, query);
            List<SearchResult.Hit> hits = toHits(searcher, query.text(), textQuery, page);
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            return new SearchResult(top.totalHits.value, tookMs, hits, facets);
        } catch (IndexSearcher.TooManyClauses e) {
            throw new InvalidQueryException("q is too complex to search (" + e.getMessage() + "); use fewer or shorter words");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search the index at " + path + " for q=" + query.text(), e);
        } finally {
            release(searcher);
        }
    }

    @Override
    public Optional<CanonicalRecord> get(String id) {
        ensureOpen();
        Objects.requireNonNull(id, "id");
        FacetedSearcher searcher = acquire();
        try {
            TopDocs top = searcher.search(new TermQuery(new Term(IndexFields.ID, id)), 1);
            if (top.scoreDocs.length == 0) {
                return Optional.empty();
            }
            return Optional.of(record(searcher, top.scoreDocs[0].doc));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read record " + id + " from " + path, e);
        } finally {
            release(searcher);
        }
    }

    @Override
    public long count() {
        ensureOpen();
        FacetedSearcher searcher = acquire();
        try {
            return searcher.getIndexReader().numDocs();
        } finally {
            release(searcher);
        }
    }

    /** Releases the searchers, the writer (discarding uncommitted writes) and the directory. Idempotent. */
    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // Searchers hold readers of the writer, and the writer holds the directory: close in that order.
        IOUtils.close(searchers, writer, translator, analyzer, directory);
    }

    private DrillDownQuery withFilters(Query textQuery, Map<Facet, List<String>> filters) {
        DrillDownQuery query = new DrillDownQuery(facetsConfig, textQuery);
        for (Map.Entry<Facet, List<String>> filter : SearchLimits.filterValues(filters).entrySet()) {
            for (String value : filter.getValue()) {
                // Values added to one dimension are ORed; dimensions are ANDed.
                query.add(IndexFields.dimension(filter.getKey()), value);
            }
        }
        return query;
    }

    private static Map<Facet, List<SearchResult.FacetCount>> facetCounts(Facets facets) throws IOException {
        Map<Facet, List<SearchResult.FacetCount>> counts = new EnumMap<>(Facet.class);
        for (Facet facet : Facet.values()) {
            List<SearchResult.FacetCount> values = new ArrayList<>();
            FacetResult result;
            try {
                result = facets.getTopChildren(FACET_VALUES, IndexFields.dimension(facet));
            } catch (IllegalArgumentException e) {
                // The dimension has no value anywhere in the index yet (e.g. no record has a county).
                result = null;
            }
            if (result != null) {
                for (LabelAndValue lv : result.labelValues) {
                    values.add(new SearchResult.FacetCount(lv.label, lv.value.longValue()));
                }
            }
            counts.put(facet, values);
        }
        return counts;
    }

    private static Map<Facet, List<SearchResult.FacetCount>> emptyFacets() {
        Map<Facet, List<SearchResult.FacetCount>> counts = new EnumMap<>(Facet.class);
        for (Facet facet : Facet.values()) {
            counts.put(facet, List.of());
        }
        return counts;
    }

    private static ScoreDoc[] pageOf(ScoreDoc[] all, SearchQuery query) {
        int from = (query.page() - 1) * query.size();
        if (from >= all.length) {
            return new ScoreDoc[0];
        }
        return Arrays.copyOfRange(all, from, Math.min(all.length, from + query.size()));
    }

    private List<SearchResult.Hit> toHits(FacetedSearcher searcher, String text, Query textQuery, ScoreDoc[] page)
            throws IOException {
        int[] docIds = Arrays.stream(page).mapToInt(sd -> sd.doc).toArray();
        boolean highlight = docIds.length > 0
                && !(textQuery instanceof MatchAllDocsQuery) && !(textQuery instanceof MatchNoDocsQuery);
        List<Map<String, List<String>>> highlights = highlight
                ? new SnippetHighlighter(searcher, analyzer).highlight(translator.highlightQuery(text), docIds)
                : null;
        List<SearchResult.Hit> hits = new ArrayList<>(docIds.length);
        for (int i = 0; i < docIds.length; i++) {
            CanonicalRecord record = record(searcher, docIds[i]);
            hits.add(new SearchResult.Hit(
                    record.id(),
                    record.title(),
                    record.creators().stream().map(Creator::name).toList(),
                    record.year(),
                    record.kind().facetValue(),
                    record.sourceId(),
                    highlights == null ? Map.of() : highlights.get(i)));
        }
        return hits;
    }

    private CanonicalRecord record(IndexSearcher searcher, int docId) throws IOException {
        Document doc = searcher.storedFields().document(docId, Set.of(IndexFields.SOURCE));
        String source = doc.get(IndexFields.SOURCE);
        try {
            return json.readValue(source, CanonicalRecord.class);
        } catch (JacksonException e) {
            throw new UncheckedIOException(new IOException(
                    "stored record (doc " + docId + ") in " + path + " cannot be read back: " + e.getOriginalMessage(), e));
        }
    }

    private FacetedSearcher acquire() {
        try {
            return (FacetedSearcher) searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a searcher on " + path, e);
        }
    }

    private void release(IndexSearcher searcher) {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release a searcher on " + path, e);
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the Lucene index at " + path + " is closed");
        }
    }
}
