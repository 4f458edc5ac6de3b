package org.shangdang.indexer.lucene;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.facet.DrillSideways;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiCollector;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedSetSelector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.grouping.FirstPassGroupingCollector;
import org.apache.lucene.search.grouping.GroupDocs;
import org.apache.lucene.search.grouping.SearchGroup;
import org.apache.lucene.search.grouping.TermGroupSelector;
import org.apache.lucene.search.grouping.TopGroupsCollector;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IOUtils;
import org.shangdang.indexer.Facet;
import org.shangdang.indexer.IndexFields;
import org.shangdang.indexer.IndexRebuild;
import org.shangdang.indexer.IndexStats;
import org.shangdang.indexer.InvalidQueryException;
import org.shangdang.indexer.Lookup;
import org.shangdang.indexer.RecordHoldings;
import org.shangdang.indexer.RecordHeadings;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.indexer.SearchLimits;
import org.shangdang.indexer.SearchQuery;
import org.shangdang.indexer.SearchResult;
import org.shangdang.record.CanonicalRecord;
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
 * <p><b>Generations.</b> The index lives in a subdirectory {@code gen-NNNNNN} of the directory given to
 * {@link #open}, named by the file {@value #CURRENT}. {@link #rebuild()} builds the next generation
 * beside it and swaps it in: it writes {@value #CURRENT} by an atomic rename (so a crash leaves one
 * complete generation current), switches writer and searchers under a short exclusive lock (searches
 * wait for it, they never fail), then closes and deletes the old generation. An index written before
 * generations existed (segments directly in the directory) is opened in place and replaced by the first
 * rebuild; generations left over by an interrupted rebuild are deleted at open.
 *
 * <p>Thread-safe: any number of threads may write and search at once. {@link #close()} is idempotent;
 * other calls after it throw {@link IllegalStateException}. I/O failures (disk full, index corrupt)
 * surface as {@link UncheckedIOException}: they are setup failures, not a fault of a record or query.
 */
public final class LuceneSearchIndex implements SearchIndex {

    private static final System.Logger LOG = System.getLogger(LuceneSearchIndex.class.getName());

    /** Hits a reader can page through, see {@link SearchLimits#MAX_WINDOW}. */
    public static final int MAX_WINDOW = SearchLimits.MAX_WINDOW;
    /** Values shown per facet. */
    public static final int FACET_VALUES = SearchLimits.FACET_VALUES;
    /** The file naming the current generation's subdirectory. */
    public static final String CURRENT = "CURRENT";

    private static final String GENERATION_PREFIX = "gen-";
    private static final Pattern GENERATION = Pattern.compile("gen-(\\d{6})");
    /** The generation name of an index written directly into the directory, before generations existed. */
    private static final String IN_PLACE = ".";

    /** The indexing buffer of a generation being rebuilt (Lucene's default, for a live one, is 16 MB). */
    private static final double REBUILD_RAM_BUFFER_MB = 128;

    /** Best first; equal scores in id order, so paging is stable. */
    private static final Sort RELEVANCE = new Sort(SortField.FIELD_SCORE, KeywordField.newSortField(
            IndexFields.ID, false, SortedSetSelector.Type.MIN));

    private final Path path;
    private final Analyzer analyzer;
    private final FacetsConfig facetsConfig;
    private final QueryTranslator translator;
    private final JsonMapper json;
    private final AtomicBoolean closed = new AtomicBoolean();
    /**
     * Held shared by every read and write of {@link #live}, exclusively only while a rebuild switches
     * generations, so nothing uses a generation while it is being closed.
     */
    private final ReentrantReadWriteLock generations = new ReentrantReadWriteLock();
    private volatile Generation live;
    private final AtomicReference<Rebuild> rebuilding = new AtomicReference<>();

    private LuceneSearchIndex(Path path) throws IOException {
        this.path = path;
        this.analyzer = IndexFields.newIndexAnalyzer();
        this.facetsConfig = IndexFields.newFacetsConfig();
        this.json = JsonMapper.builder().build();
        this.translator = new QueryTranslator();
        try {
            String name = currentGeneration(path);
            this.live = Generation.open(path, name, analyzer, facetsConfig);
            if (!IN_PLACE.equals(name) && !Files.exists(path.resolve(CURRENT))) {
                writeCurrent(path, name);
            }
            deleteAbandonedGenerations(path, name);
        } catch (IOException | RuntimeException e) {
            IOUtils.closeWhileHandlingException(translator, analyzer);
            throw e;
        }
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
        generations.readLock().lock();
        try {
            Rebuild rebuild = rebuilding.get();
            for (CanonicalRecord record : records) {
                Document doc = document(record);
                write(live, record, doc);
                if (rebuild != null) {
                    rebuild.writeAlso(record, doc);
                }
            }
        } finally {
            generations.readLock().unlock();
        }
    }

    @Override
    public void delete(Collection<String> ids) {
        ensureOpen();
        if (ids.isEmpty()) {
            return;
        }
        generations.readLock().lock();
        try {
            live.delete(ids);
            Rebuild rebuild = rebuilding.get();
            if (rebuild != null) {
                rebuild.deleteAlso(ids);
            }
        } finally {
            generations.readLock().unlock();
        }
    }

    @Override
    public void commit() {
        ensureOpen();
        generations.readLock().lock();
        try {
            live.commit();
        } finally {
            generations.readLock().unlock();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The new generation is the directory {@code gen-NNNNNN} after the live one's.
     *
     * @throws UncheckedIOException when the new generation cannot be created
     */
    @Override
    public IndexRebuild rebuild() {
        ensureOpen();
        generations.readLock().lock();
        // Serialised, so a second rebuild is refused before it touches the first one's directory.
        synchronized (rebuilding) {
            try {
                if (rebuilding.get() != null) {
                    throw new IllegalStateException("a rebuild of the Lucene index at " + path + " is already open");
                }
                String name = nextGeneration(live.name());
                deleteGeneration(path.resolve(name));
                Generation next = Generation.open(path, name, analyzer, facetsConfig);
                Rebuild rebuild = new Rebuild(next);
                rebuilding.set(rebuild);
                LOG.log(Level.INFO, "rebuilding the Lucene index at {0}: building generation {1} beside {2}",
                        path, name, live.name());
                return rebuild;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start a rebuild of the Lucene index at " + path, e);
            } finally {
                generations.readLock().unlock();
            }
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
        generations.readLock().lock();
        try {
            Generation generation = live;
            FacetedSearcher searcher = generation.acquire();
            try {
                return search(searcher, query, textQuery, filtered, window, started);
            } finally {
                generation.release(searcher);
            }
        } finally {
            generations.readLock().unlock();
        }
    }

    private SearchResult search(FacetedSearcher searcher, SearchQuery query, Query textQuery, DrillDownQuery filtered,
            int window, long started) {
        try {
            boolean collapse = query.collapse() == SearchQuery.Collapse.WORK;
            // Collapsed pages come from grouping below; the facet pass then needs no hits of its own.
            int facetWindow = collapse ? 1 : window;
            TopDocs top;
            Map<Facet, List<SearchResult.FacetCount>> facets;
            if (collapse && (query.detail() == SearchQuery.Detail.HITS || filtered.getDrillDownQueries().length == 0)) {
                // The grouping's first pass counts the records and, without filters, the facets: drill sideways
                // would only run the same query once more.
                return collapsed(searcher, query, textQuery, filtered, Optional.empty(), started);
            } else if (query.detail() == SearchQuery.Detail.HITS) {
                top = searcher.search(filtered, facetWindow, RELEVANCE, false);
                facets = emptyFacets();
            } else if (searcher.facetState().isPresent()) {
                DrillSideways sideways = new DrillSideways(searcher, facetsConfig, searcher.facetState().get());
                DrillSideways.DrillSidewaysResult result = sideways.search(filtered, null, null, facetWindow, RELEVANCE, false);
                top = result.hits;
                facets = facetCounts(result.facets);
            } else {
                top = searcher.search(filtered, facetWindow, RELEVANCE, true);
                facets = emptyFacets();
            }
            long total = top.totalHits.value;
            if (collapse) {
                return collapsed(searcher, query, textQuery, filtered, Optional.of(facets), started);
            }
            ScoreDoc[] page = pageOf(top.scoreDocs, query);
            List<SearchResult.Hit> hits = toHits(searcher, query, textQuery, page, null);
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            return new SearchResult(total, tookMs, hits, facets);
        } catch (IndexSearcher.TooManyClauses e) {
            throw new InvalidQueryException("q is too complex to search (" + e.getMessage() + "); use fewer or shorter words");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search the index at " + path + " for q=" + query.text(), e);
        }
    }

    /**
     * One page of works: records grouped by {@link IndexFields#WORK_ID}, groups ordered by their best
     * record (score, then id, as ungrouped hits), each shown by that record with the group's size. The
     * first pass also counts the matching records and their works ({@link WorkOrdinals}) and, for a query in
     * {@link SearchQuery.Detail#FULL} whose facets were not counted already, the facets.
     *
     * @param counted the facets when a drill-sideways pass counted them; empty to count them here, where no
     *     filter must be ignored
     */
    private SearchResult collapsed(FacetedSearcher searcher, SearchQuery query, Query textQuery, Query filtered,
            Optional<Map<Facet, List<SearchResult.FacetCount>>> counted, long started) throws IOException {
        int offset = (query.page() - 1) * query.size();
        FirstPassGroupingCollector<BytesRef> first = new FirstPassGroupingCollector<>(
                new TermGroupSelector(IndexFields.WORK_ID), RELEVANCE, offset + query.size());
        WorkOrdinals.Counter counter = searcher.workOrdinals().counter();
        boolean countFacets = counted.isEmpty() && query.detail() == SearchQuery.Detail.FULL
                && searcher.facetState().isPresent();
        FacetsCollector facetHits = countFacets ? new FacetsCollector() : null;
        // MultiCollector ignores a null collector.
        searcher.search(filtered, MultiCollector.wrap(first, counter, facetHits));
        Map<Facet, List<SearchResult.FacetCount>> facets = counted.orElseGet(LuceneSearchIndex::emptyFacets);
        if (facetHits != null) {
            facets = facetCounts(new SortedSetDocValuesFacetCounts(searcher.facetState().get(), facetHits));
        }
        Collection<SearchGroup<BytesRef>> top = first.getTopGroups(offset);
        List<ScoreDoc> page = new ArrayList<>();
        List<Optional<Long>> sizes = new ArrayList<>();
        if (top != null) {
            TopGroupsCollector<BytesRef> second = new TopGroupsCollector<>(new TermGroupSelector(IndexFields.WORK_ID),
                    top, RELEVANCE, RELEVANCE, 1, true);
            searcher.search(filtered, second);
            for (GroupDocs<BytesRef> group : second.getTopGroups(0).groups) {
                page.add(group.scoreDocs[0]);
                sizes.add(Optional.of(group.totalHits.value));
            }
        }
        List<SearchResult.Hit> hits = toHits(searcher, query, textQuery, page.toArray(ScoreDoc[]::new), sizes);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        return new SearchResult(counter.records(), tookMs, hits, facets, Optional.of(counter.works()));
    }

    @Override
    public List<CanonicalRecord> lookup(Lookup lookup) {
        return lookUp(lookup, this::record);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Read from {@link IndexFields#HOLDINGS}; a document of an index written before that field existed is read
     * from its whole stored record instead, so an old index answers the same, only slower, until rebuilt.
     */
    @Override
    public List<RecordHoldings> holdings(Lookup lookup) {
        return lookUp(lookup, this::holdingsOf);
    }

    /** Reads one matching document of a searcher. */
    @FunctionalInterface
    private interface DocReader<T> {
        T read(IndexSearcher searcher, int docId) throws IOException;
    }

    private <T> List<T> lookUp(Lookup lookup, DocReader<T> reader) {
        ensureOpen();
        Objects.requireNonNull(lookup, "lookup");
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (String term : lookup.terms()) {
            Term t = new Term(lookupField(lookup.key()), term);
            any.add(lookup.key() == Lookup.Key.CALL_NUMBER_PREFIX ? new PrefixQuery(t) : new TermQuery(t),
                    BooleanClause.Occur.SHOULD);
        }
        Query query = new ConstantScoreQuery(any.build());
        Sort byId = new Sort(KeywordField.newSortField(IndexFields.ID, false, SortedSetSelector.Type.MIN));
        generations.readLock().lock();
        try {
            Generation generation = live;
            FacetedSearcher searcher = generation.acquire();
            try {
                List<T> records = new ArrayList<>();
                for (ScoreDoc doc : searcher.search(query, lookup.limit(), byId).scoreDocs) {
                    records.add(reader.read(searcher, doc.doc));
                }
                return records;
            } finally {
                generation.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look up " + lookup + " in " + path, e);
        } finally {
            generations.readLock().unlock();
        }
    }

    /** The keyword field a lookup key is matched on. */
    static String lookupField(Lookup.Key key) {
        return switch (key) {
            case ISBN -> IndexFields.ISBN;
            case BARCODE -> IndexFields.BARCODE;
            case CALL_NUMBER_PREFIX -> IndexFields.CALL_NUMBER;
            case WORK_ID -> IndexFields.WORK_ID;
        };
    }

    @Override
    public Optional<CanonicalRecord> get(String id) {
        ensureOpen();
        Objects.requireNonNull(id, "id");
        generations.readLock().lock();
        try {
            Generation generation = live;
            FacetedSearcher searcher = generation.acquire();
            try {
                TopDocs top = searcher.search(new TermQuery(new Term(IndexFields.ID, id)), 1);
                if (top.scoreDocs.length == 0) {
                    return Optional.empty();
                }
                return Optional.of(record(searcher, top.scoreDocs[0].doc));
            } finally {
                generation.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read record " + id + " from " + path, e);
        } finally {
            generations.readLock().unlock();
        }
    }

    /**
     * {@inheritDoc} Reads the stored id, title, creators and subjects of the live documents of the live
     * generation's current searcher, segment by segment; the JSON source is not parsed. A swap waits until
     * the scan returns.
     */
    @Override
    public void scanHeadings(int batchSize, Consumer<List<RecordHeadings>> batches) {
        ensureOpen();
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive; got: " + batchSize);
        }
        Objects.requireNonNull(batches, "batches");
        Set<String> fields = Set.of(IndexFields.ID, IndexFields.TITLE, IndexFields.CREATORS, IndexFields.SUBJECTS);
        generations.readLock().lock();
        try {
            Generation generation = live;
            FacetedSearcher searcher = generation.acquire();
            try {
                List<RecordHeadings> batch = new ArrayList<>(batchSize);
                for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                    Bits liveDocs = leaf.reader().getLiveDocs();
                    StoredFields stored = leaf.reader().storedFields();
                    for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
                        if (liveDocs != null && !liveDocs.get(doc)) {
                            continue;
                        }
                        Document d = stored.document(doc, fields);
                        batch.add(new RecordHeadings(d.get(IndexFields.ID), d.get(IndexFields.TITLE),
                                List.of(d.getValues(IndexFields.CREATORS)), List.of(d.getValues(IndexFields.SUBJECTS))));
                        if (batch.size() == batchSize) {
                            batches.accept(List.copyOf(batch));
                            batch.clear();
                        }
                    }
                }
                if (!batch.isEmpty()) {
                    batches.accept(List.copyOf(batch));
                }
            } finally {
                generation.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scan the records of " + path, e);
        } finally {
            generations.readLock().unlock();
        }
    }

    /** {@inheritDoc} Counts every facet value over the live generation and sums {@code media_bytes}. */
    @Override
    public IndexStats stats() {
        ensureOpen();
        generations.readLock().lock();
        try {
            Generation generation = live;
            FacetedSearcher searcher = generation.acquire();
            try {
                return stats(searcher);
            } finally {
                generation.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot count the index at " + path, e);
        } finally {
            generations.readLock().unlock();
        }
    }

    private static IndexStats stats(FacetedSearcher searcher) throws IOException {
        Map<Facet, List<SearchResult.FacetCount>> counts = emptyFacets();
        if (searcher.facetState().isPresent()) {
            FacetsCollector collector = searcher.search(new MatchAllDocsQuery(), new FacetsCollectorManager());
            Facets facets = new SortedSetDocValuesFacetCounts(searcher.facetState().get(), collector);
            for (Facet facet : Facet.values()) {
                FacetResult result;
                try {
                    result = facets.getAllChildren(IndexFields.dimension(facet));
                } catch (IllegalArgumentException e) {
                    // The dimension has no value anywhere in the index yet.
                    result = null;
                }
                List<SearchResult.FacetCount> values = new ArrayList<>();
                if (result != null) {
                    for (LabelAndValue lv : result.labelValues) {
                        values.add(new SearchResult.FacetCount(lv.label, lv.value.longValue()));
                    }
                }
                counts.put(facet, values);
            }
        }
        long bytes = 0;
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            NumericDocValues values = leaf.reader().getNumericDocValues(IndexFields.MEDIA_BYTES);
            if (values == null) {
                continue;
            }
            Bits live = leaf.reader().getLiveDocs();
            for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
                if (live == null || live.get(doc)) {
                    bytes += values.longValue();
                }
            }
        }
        return new IndexStats(searcher.getIndexReader().numDocs(), counts, bytes);
    }

    @Override
    public long count() {
        ensureOpen();
        generations.readLock().lock();
        try {
            return live.count();
        } finally {
            generations.readLock().unlock();
        }
    }

    /**
     * Releases the searchers, the writer (discarding uncommitted writes) and the directory, and abandons
     * an open rebuild. Idempotent.
     */
    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Rebuild rebuild = rebuilding.get();
        if (rebuild != null) {
            rebuild.close();
        }
        generations.writeLock().lock();
        try {
            IOUtils.close(live, translator, analyzer);
        } finally {
            generations.writeLock().unlock();
        }
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

    /** @param workSizes per hit, when collapsed; null otherwise */
    private List<SearchResult.Hit> toHits(IndexSearcher searcher, SearchQuery query, Query textQuery, ScoreDoc[] page,
            List<Optional<Long>> workSizes) throws IOException {
        int[] docIds = Arrays.stream(page).mapToInt(sd -> sd.doc).toArray();
        boolean highlight = docIds.length > 0 && query.detail() == SearchQuery.Detail.FULL
                && !(textQuery instanceof MatchAllDocsQuery) && !(textQuery instanceof MatchNoDocsQuery);
        List<Map<String, List<String>>> highlights = highlight
                ? new SnippetHighlighter(searcher, analyzer).highlight(translator.highlightQuery(query.text()), docIds)
                : null;
        List<SearchResult.Hit> hits = new ArrayList<>(docIds.length);
        for (int i = 0; i < docIds.length; i++) {
            CanonicalRecord record = record(searcher, docIds[i]);
            hits.add(SearchResult.Hit.of(record, highlights == null ? Map.of() : highlights.get(i),
                    workSizes == null ? Optional.empty() : workSizes.get(i)));
        }
        return hits;
    }

    private RecordHoldings holdingsOf(IndexSearcher searcher, int docId) throws IOException {
        String stored = searcher.storedFields().document(docId, Set.of(IndexFields.HOLDINGS)).get(IndexFields.HOLDINGS);
        if (stored == null) {
            return RecordHoldings.of(record(searcher, docId));
        }
        try {
            return json.readValue(stored, RecordHoldings.class);
        } catch (JacksonException e) {
            throw new UncheckedIOException(new IOException(
                    "stored holdings (doc " + docId + ") in " + path + " cannot be read back: " + e.getOriginalMessage(),
                    e));
        }
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

    private Document document(CanonicalRecord record) {
        try {
            return facetsConfig.build(IndexFields.toDocument(record, json));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the document of record " + record.id(), e);
        }
    }

    private void write(Generation generation, CanonicalRecord record, Document doc) {
        try {
            generation.writer.updateDocument(new Term(IndexFields.ID, record.id()), doc);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Lucene refused record " + record.id() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write record " + record.id() + " to " + generation.dir, e);
        }
    }

    /** The generation {@value #CURRENT} names, the directory itself for an index without generations, else the first. */
    private static String currentGeneration(Path root) throws IOException {
        Path current = root.resolve(CURRENT);
        if (Files.exists(current)) {
            String name = Files.readString(current, StandardCharsets.UTF_8).strip();
            if (!GENERATION.matcher(name).matches() || !Files.isDirectory(root.resolve(name))) {
                throw new IOException(current + " names no generation directory; got: '" + name + "'");
            }
            return name;
        }
        try (Stream<Path> files = Files.list(root)) {
            if (files.anyMatch(f -> f.getFileName().toString().startsWith("segments_"))) {
                return IN_PLACE;
            }
        }
        return GENERATION_PREFIX + "000001";
    }

    private static String nextGeneration(String name) {
        if (IN_PLACE.equals(name)) {
            return GENERATION_PREFIX + "000001";
        }
        Matcher m = GENERATION.matcher(name);
        if (!m.matches()) {
            throw new IllegalStateException("not a generation name: " + name);
        }
        return String.format(Locale.ROOT, "%s%06d", GENERATION_PREFIX, Integer.parseInt(m.group(1)) + 1);
    }

    /** Names the current generation by an atomic rename, so a crash leaves the old name or the new, whole. */
    private static void writeCurrent(Path root, String name) throws IOException {
        Path tmp = root.resolve(CURRENT + ".tmp");
        Files.writeString(tmp, name + "\n", StandardCharsets.UTF_8);
        IOUtils.fsync(tmp, false);
        Files.move(tmp, root.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        IOUtils.fsync(root, true);
    }

    private static void deleteAbandonedGenerations(Path root, String current) throws IOException {
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.toList()) {
                String name = dir.getFileName().toString();
                if (Files.isDirectory(dir) && GENERATION.matcher(name).matches() && !name.equals(current)) {
                    LOG.log(Level.INFO, "deleting generation {0} of the Lucene index at {1}, left by an interrupted rebuild",
                            name, root);
                    deleteGeneration(dir);
                }
            }
        }
    }

    /** Deletes a generation directory; for the in-place generation, the index files beside the generations. */
    private static void deleteGeneration(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** One generation: its directory, writer and searchers. Thread-safe. */
    /**
     * Segments a rebuilt generation is merged down to before it goes live. A bulk rebuild leaves a segment per
     * flush and indexing thread (about ten at 20,000 records); every lookup and search seeks each segment's terms,
     * so fewer segments answer faster. A few rather than one: the merge policy may then leave segments already
     * large enough alone instead of rewriting the whole index once more, and a few search nearly as fast as one.
     */
    static final int SEGMENTS_AFTER_REBUILD = 4;

    private static final class Generation implements Closeable {

        private final Path root;
        private final String name;
        private final Path dir;
        private final Directory directory;
        private final IndexWriter writer;
        private final SearcherManager searchers;

        private Generation(Path root, String name, Path dir, Directory directory, IndexWriter writer,
                SearcherManager searchers) {
            this.root = root;
            this.name = name;
            this.dir = dir;
            this.directory = directory;
            this.writer = writer;
            this.searchers = searchers;
        }

        static Generation open(Path root, String name, Analyzer analyzer, FacetsConfig config) throws IOException {
            Path dir = IN_PLACE.equals(name) ? root : root.resolve(name);
            Files.createDirectories(dir);
            Directory directory = null;
            IndexWriter writer = null;
            try {
                directory = FSDirectory.open(dir);
                writer = new IndexWriter(directory, new IndexWriterConfig(analyzer)
                        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                        // Only commit() makes writes durable; see the class comment.
                        .setCommitOnClose(false));
                SearcherManager searchers = new SearcherManager(writer, FacetedSearcher.factory(config));
                return new Generation(root, name, dir, directory, writer, searchers);
            } catch (IOException | RuntimeException e) {
                IOUtils.closeWhileHandlingException(writer, directory);
                throw e;
            }
        }

        String name() {
            return name;
        }

        void delete(Collection<String> ids) {
            Term[] terms = ids.stream().map(id -> new Term(IndexFields.ID, id)).toArray(Term[]::new);
            try {
                writer.deleteDocuments(terms);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + ids.size() + " records from " + dir, e);
            }
        }

        /**
         * Merges the generation down to at most this many segments; writes may go on meanwhile (they make
         * segments of their own).
         */
        void forceMerge(int maxSegments) {
            long started = System.nanoTime();
            try {
                writer.forceMerge(maxSegments);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot merge the segments of the index at " + dir, e);
            }
            LOG.log(Level.INFO, "merged generation {0} to at most {1} segments in {2} ms", name, maxSegments,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }

        void commit() {
            try {
                writer.commit();
                searchers.maybeRefreshBlocking();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot commit the index at " + dir, e);
            }
        }

        long count() {
            FacetedSearcher searcher = acquire();
            try {
                return searcher.getIndexReader().numDocs();
            } finally {
                release(searcher);
            }
        }

        FacetedSearcher acquire() {
            try {
                return (FacetedSearcher) searchers.acquire();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open a searcher on " + dir, e);
            }
        }

        void release(IndexSearcher searcher) {
            try {
                searchers.release(searcher);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot release a searcher on " + dir, e);
            }
        }

        /** Searchers hold readers of the writer, and the writer holds the directory: closed in that order. */
        @Override
        public void close() throws IOException {
            IOUtils.close(searchers, writer, directory);
        }

        /** Closes it and deletes its files. */
        void closeAndDelete() throws IOException {
            close();
            if (IN_PLACE.equals(name)) {
                // An index written before generations: its files sit beside CURRENT and the new generation.
                try (Stream<Path> files = Files.list(root)) {
                    for (Path file : files.toList()) {
                        if (Files.isRegularFile(file) && !file.getFileName().toString().startsWith(CURRENT)) {
                            Files.delete(file);
                        }
                    }
                }
            } else {
                deleteGeneration(dir);
            }
        }
    }

    /** The open rebuild: a new generation filled by the caller, swapped in by {@link #swap()}. */
    private final class Rebuild implements IndexRebuild {

        private final Generation next;
        private final AtomicReference<RebuildState> state = new AtomicReference<>(RebuildState.OPEN);

        Rebuild(Generation next) {
            this.next = next;
            // A rebuild writes every record before its one commit (the swap): fewer, larger flushes mean fewer
            // small segments to merge. Nothing is committed before the swap, since an interrupted rebuild is
            // deleted at the next open anyway and never resumed.
            next.writer.getConfig().setRAMBufferSizeMB(REBUILD_RAM_BUFFER_MB);
        }

        @Override
        public void upsert(Collection<CanonicalRecord> records) {
            ensureRebuilding();
            for (CanonicalRecord record : records) {
                write(next, record, document(record));
            }
        }

        @Override
        public void delete(Collection<String> ids) {
            ensureRebuilding();
            if (!ids.isEmpty()) {
                next.delete(ids);
            }
        }

        /** A write through the live index while this rebuild is open; the caller holds the shared lock. */
        void writeAlso(CanonicalRecord record, Document doc) {
            write(next, record, doc);
        }

        void deleteAlso(Collection<String> ids) {
            next.delete(ids);
        }

        @Override
        public long swap() {
            ensureRebuilding();
            next.forceMerge(SEGMENTS_AFTER_REBUILD);
            next.commit();
            // Live again: back to the buffer of a live generation, whose writes are small and committed often.
            next.writer.getConfig().setRAMBufferSizeMB(IndexWriterConfig.DEFAULT_RAM_BUFFER_SIZE_MB);
            long count = next.count();
            Generation old;
            generations.writeLock().lock();
            try {
                if (!state.compareAndSet(RebuildState.OPEN, RebuildState.SWAPPED)) {
                    throw new IllegalStateException("the rebuild of the Lucene index at " + path + " was closed");
                }
                try {
                    writeCurrent(path, next.name());
                } catch (IOException e) {
                    state.set(RebuildState.OPEN);
                    throw new UncheckedIOException("cannot make generation " + next.name() + " current in " + path, e);
                }
                old = live;
                live = next;
                rebuilding.compareAndSet(this, null);
            } finally {
                generations.writeLock().unlock();
            }
            try {
                old.closeAndDelete();
            } catch (IOException e) {
                // The swap has happened; a leftover generation is deleted at the next open.
                LOG.log(Level.WARNING, "cannot delete the old generation {0} of the Lucene index at {1}: {2}",
                        old.name(), path, e.toString());
            }
            LOG.log(Level.INFO, "swapped in generation {0} of the Lucene index at {1} ({2} records)",
                    next.name(), path, count);
            return count;
        }

        @Override
        public void close() {
            if (!state.compareAndSet(RebuildState.OPEN, RebuildState.CLOSED)) {
                return;
            }
            // Exclusive, so no write through the live index is mirrored into the generation being deleted.
            generations.writeLock().lock();
            try {
                rebuilding.compareAndSet(this, null);
                next.closeAndDelete();
                LOG.log(Level.INFO, "abandoned generation {0} of the Lucene index at {1}", next.name(), path);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "cannot delete the abandoned generation {0} of the Lucene index at {1}: {2}",
                        next.name(), path, e.toString());
            } finally {
                generations.writeLock().unlock();
            }
        }

        private void ensureRebuilding() {
            if (state.get() != RebuildState.OPEN) {
                throw new IllegalStateException("the rebuild of the Lucene index at " + path + " is " + state.get());
            }
            ensureOpen();
        }
    }

    private enum RebuildState { OPEN, SWAPPED, CLOSED }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the Lucene index at " + path + " is closed");
        }
    }
}
