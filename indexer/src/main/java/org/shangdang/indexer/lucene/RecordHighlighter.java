package org.shangdang.indexer.lucene;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.IOUtils;
import org.shangdang.indexer.IndexFields;
import org.shangdang.record.CanonicalRecord;
import tools.jackson.databind.json.JsonMapper;

/**
 * Highlights records that another engine found, exactly as the Lucene engine highlights its own hits:
 * the records of one page are indexed in memory with {@link IndexFields} and highlighted with the same
 * {@link SnippetHighlighter} and query. Snippets therefore mark the text as catalogued (traditional
 * stays traditional) even when the other engine only saw folded text, and both engines answer with the
 * same highlights.
 *
 * <p>Thread-safe: each call works on its own in-memory index. Close to release the analyzers.
 */
public final class RecordHighlighter implements Closeable {

    private final Analyzer analyzer = IndexFields.newIndexAnalyzer();
    private final FacetsConfig facetsConfig = IndexFields.newFacetsConfig();
    private final QueryTranslator translator = new QueryTranslator();
    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * Snippets per record, in the order of {@code records}, for the reader's query text; each map holds
     * only the fields that matched, and every map is empty when the text is blank or has nothing searchable.
     *
     * @throws org.shangdang.indexer.InvalidQueryException when the text has too many words or phrases
     */
    public List<Map<String, List<String>>> highlight(String text, List<CanonicalRecord> records) {
        Query query = translator.highlightQuery(text);
        if (records.isEmpty() || query instanceof MatchAllDocsQuery || query instanceof MatchNoDocsQuery) {
            return records.stream().<Map<String, List<String>>>map(r -> Map.of()).toList();
        }
        try (Directory dir = new ByteBuffersDirectory()) {
            // One segment, no merges: document i is records.get(i).
            try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(analyzer)
                    .setMergePolicy(NoMergePolicy.INSTANCE)
                    .setRAMBufferSizeMB(256))) {
                for (CanonicalRecord record : records) {
                    writer.addDocument(facetsConfig.build(IndexFields.toDocument(record, json)));
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                int[] docIds = new int[records.size()];
                for (int i = 0; i < docIds.length; i++) {
                    docIds[i] = i;
                }
                return new SnippetHighlighter(new IndexSearcher(reader), analyzer).highlight(query, docIds);
            }
        } catch (IOException e) {
            // An in-memory index does no I/O; this would be a bug.
            throw new UncheckedIOException("highlighting " + records.size() + " records in memory failed", e);
        }
    }

    @Override
    public void close() {
        IOUtils.closeWhileHandlingException(translator, analyzer);
    }
}
