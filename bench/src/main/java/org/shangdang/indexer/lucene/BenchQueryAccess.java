package org.shangdang.indexer.lucene;

import java.io.Closeable;
import org.apache.lucene.search.Query;

/**
 * The Lucene query {@link LuceneSearchIndex} runs for a reader's text, for the benchmark's raw
 * {@code IndexSearcher} comparison, so both sides search with exactly the same query. It lives in the bench
 * module, in the indexer's package, because the translator is package-private on purpose: nothing but the
 * benchmark should depend on it. If the translator changes, this breaks at compile time, not silently.
 *
 * <p>Thread-safe, like the translator; close to release its analyzers.
 */
public final class BenchQueryAccess implements Closeable {

    private final QueryTranslator translator = new QueryTranslator();

    /** The text query, before facet filters are added. */
    public Query translate(String text) {
        return translator.translate(text);
    }

    @Override
    public void close() {
        translator.close();
    }
}
