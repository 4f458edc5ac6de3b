package org.shangdang.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.shangdang.indexer.Facet;
import org.shangdang.indexer.IndexFields;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.indexer.SearchLimits;
import org.shangdang.indexer.lucene.BenchQueryAccess;
import org.shangdang.indexer.lucene.LuceneSearchIndex;

/**
 * B2 search in process: the query set against {@link LuceneSearchIndex#search} (facets, highlights, records
 * read back) and against a raw {@link IndexSearcher} on the same index running the same Lucene queries
 * (the engine's own translation, with the same facet drill-down filters) for the top hits and their ids only,
 * at each thread count. Not thread-safe: one run at a time.
 */
final class SearchBench {

    private static final int WARMUP = 1_000;

    private SearchBench() {
    }

    static List<Latency.Result> run(Path indexDir, QuerySet queries, List<Integer> threadCounts) {
        List<Latency.Result> results = new ArrayList<>();
        try (LuceneSearchIndex index = LuceneSearchIndex.open(indexDir)) {
            results.addAll(ours("embedded Lucene (LuceneSearchIndex.search)", index, queries, threadCounts));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the index at " + indexDir, e);
        }
        results.addAll(raw(indexDir, queries, threadCounts));
        return results;
    }

    /** Any engine through the {@link SearchIndex} contract. */
    static List<Latency.Result> ours(String engine, SearchIndex index, QuerySet queries, List<Integer> threadCounts) {
        Latency.Runner runner = q -> index.search(q.toSearchQuery()).total();
        Latency.warmUp(queries.queries(), WARMUP, runner);
        List<Latency.Result> results = new ArrayList<>();
        for (int threads : threadCounts) {
            results.add(Latency.measure(engine, queries.queries(), threads, runner));
        }
        return results;
    }

    private static List<Latency.Result> raw(Path indexDir, QuerySet queries, List<Integer> threadCounts) {
        FacetsConfig facets = IndexFields.newFacetsConfig();
        try (FSDirectory dir = FSDirectory.open(Sizes.liveIndex(indexDir)); DirectoryReader reader = DirectoryReader.open(dir);
                BenchQueryAccess translator = new BenchQueryAccess()) {
            IndexSearcher searcher = new IndexSearcher(reader);
            Latency.Runner runner = q -> {
                DrillDownQuery query = new DrillDownQuery(facets, translator.translate(q.text()));
                for (Map.Entry<Facet, List<String>> filter : SearchLimits.filterValues(q.filters()).entrySet()) {
                    filter.getValue().forEach(v -> query.add(IndexFields.dimension(filter.getKey()), v));
                }
                int window = q.page() * QuerySet.PAGE_SIZE;
                TopDocs top = searcher.search(query, window);
                StoredFields stored = searcher.storedFields();
                ScoreDoc[] docs = top.scoreDocs;
                for (int i = (q.page() - 1) * QuerySet.PAGE_SIZE; i < docs.length; i++) {
                    stored.document(docs[i].doc, Set.of(IndexFields.ID));
                }
                return top.totalHits.value;
            };
            Latency.warmUp(queries.queries(), WARMUP, runner);
            List<Latency.Result> results = new ArrayList<>();
            for (int threads : threadCounts) {
                results.add(Latency.measure("raw Lucene IndexSearcher (same queries, top hits + ids)", queries.queries(),
                        threads, runner));
            }
            return results;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the index at " + indexDir + " read-only: " + e.getMessage(), e);
        }
    }
}
