package org.shangdang.indexer.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.shangdang.indexer.IndexFields;

/**
 * Highlights hits as lists of HTML snippets per field: matches wrapped in {@code <em>…</em>}, all
 * other text HTML-escaped. A field is highlighted with the terms of its {@code *_cjk} bigram twin as
 * well as its own, so a query 长治 marks 長治 inside 長治市 even where the dictionary made 长治市 one
 * word. Offsets come from the postings, so nothing is re-analysed.
 *
 * <p>One instance per search; not thread-safe beyond what {@link UnifiedHighlighter} guarantees.
 */
final class SnippetHighlighter extends UnifiedHighlighter {

    /** Passages per field: a title is one, a long description gets two snippets. */
    private static final Map<String, Integer> MAX_PASSAGES = Map.of(
            IndexFields.TITLE, 1,
            IndexFields.CREATORS, 3,
            IndexFields.SUBJECTS, 3,
            IndexFields.DESCRIPTION, 2,
            IndexFields.FULL_TEXT, 2);

    SnippetHighlighter(IndexSearcher searcher, Analyzer analyzer) {
        super(UnifiedHighlighter.builder(searcher, analyzer)
                .withFormatter(new HtmlSnippetFormatter())
                // Fields without a match get no snippet rather than their opening text.
                .withMaxNoHighlightPassages(0)
                .withMaskedFieldsFunc(field -> Set.of(field, IndexFields.cjk(field))));
    }

    /**
     * Snippets for each document, in the order of {@code docIds}; a document's map holds only the
     * fields that matched.
     */
    List<Map<String, List<String>>> highlight(Query query, int[] docIds) throws IOException {
        List<String> fields = IndexFields.HIGHLIGHTED;
        int[] maxPassages = fields.stream().mapToInt(MAX_PASSAGES::get).toArray();
        Map<String, Object[]> byField = highlightFieldsAsObjects(fields.toArray(String[]::new), query, docIds, maxPassages);
        List<Map<String, List<String>>> perDoc = new ArrayList<>(docIds.length);
        for (int i = 0; i < docIds.length; i++) {
            Map<String, List<String>> snippets = new HashMap<>();
            for (String field : fields) {
                Object[] values = byField.get(field);
                if (values != null && values[i] instanceof List<?> list && !list.isEmpty()) {
                    snippets.put(field, list.stream().map(String.class::cast).toList());
                }
            }
            perDoc.add(snippets);
        }
        return perDoc;
    }

    /** Formats each passage as its own snippet, merging overlapping matches (a word and its bigrams). */
    static final class HtmlSnippetFormatter extends PassageFormatter {

        @Override
        public Object format(Passage[] passages, String content) {
            List<String> snippets = new ArrayList<>(passages.length);
            for (Passage passage : passages) {
                StringBuilder out = new StringBuilder();
                int pos = passage.getStartOffset();
                int[] starts = passage.getMatchStarts();
                int[] ends = passage.getMatchEnds();
                int i = 0;
                while (i < passage.getNumMatches()) {
                    int start = Math.max(starts[i], pos);
                    int end = ends[i];
                    // Matches come sorted by start; extend over every match that overlaps or touches this one.
                    while (i + 1 < passage.getNumMatches() && starts[i + 1] <= end) {
                        i++;
                        end = Math.max(end, ends[i]);
                    }
                    i++;
                    if (end <= start) {
                        continue;
                    }
                    escape(content, pos, start, out);
                    out.append("<em>");
                    escape(content, start, end, out);
                    out.append("</em>");
                    pos = end;
                }
                escape(content, pos, passage.getEndOffset(), out);
                String snippet = out.toString().strip();
                if (!snippet.isEmpty()) {
                    snippets.add(snippet);
                }
            }
            return snippets;
        }

        private static void escape(String content, int from, int to, StringBuilder out) {
            for (int i = from; i < to; i++) {
                char c = content.charAt(i);
                switch (c) {
                    case '&' -> out.append("&amp;");
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '"' -> out.append("&quot;");
                    case '\'' -> out.append("&#39;");
                    // The separator the highlighter puts between the values of a multi-valued field.
                    case MULTIVAL_SEP -> out.append(' ');
                    default -> out.append(c);
                }
            }
        }

        private static final char MULTIVAL_SEP = '\u2029';
    }
}
