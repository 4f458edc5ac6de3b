package org.shangdang.indexer.elasticsearch;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.shangdang.indexer.IndexFields;
import org.shangdang.indexer.RecordHoldings;
import org.shangdang.indexer.analysis.ChineseAnalyzers;
import org.shangdang.indexer.analysis.ChineseFolding;
import org.shangdang.indexer.analysis.Pinyin;
import org.shangdang.indexer.analysis.ValueCache;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Creator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Elasticsearch document of a record, laid out as {@code elasticsearch/records-template.json} maps
 * it, and the Java-side analysis both documents and queries share.
 *
 * <p>Elasticsearch sees only text Java has prepared, so a cluster with core analyzers alone searches
 * exactly like the Lucene engine: every text field holds the {@link ChineseFolding#fold folded} text
 * (the standard analyzer then makes CJK unigrams, searched as phrases), and the searched fields have a
 * {@code *_words} twin holding smartcn's dictionary words ({@link ChineseAnalyzers#words()}, which folds
 * too) joined by spaces, split again by the whitespace analyzer. The {@code pinyin*} fields hold
 * {@link IndexFields#pinyinForms} as the Lucene engine indexes them. {@code record} keeps the record as
 * catalogued.
 *
 * <p>Thread-safe; close to release the analyzer.
 */
final class RecordDocuments implements Closeable {

    /** Suffix of the dictionary-word twin of a searched text field. */
    static final String WORDS_SUFFIX = "_words";
    /** The record as catalogued: what get() and hits are read from. */
    static final String RECORD = "record";

    /** Slots of {@link #segmented}: a few MB at most, enough for a city's creators, subjects and publishers. */
    private static final int CACHED_VALUES = 1 << 14;
    /** Values up to this many characters have their words memoised; longer ones (summaries) rarely repeat. */
    private static final int CACHED_VALUE_LENGTH = 64;

    private final Analyzer words = ChineseAnalyzers.words();
    /**
     * The {@code *_words} text of a value. Smartcn is the costliest step of building a document, and the
     * same values come back: a record's title, creators and subjects again in {@code all}, and across
     * records the creators, subjects, publishers and re-catalogued titles of a union catalogue.
     */
    private final ValueCache<String> segmented = new ValueCache<>(CACHED_VALUES, CACHED_VALUE_LENGTH,
            v -> String.join(" ", words(v)));
    private final JsonMapper json;

    RecordDocuments(JsonMapper json) {
        this.json = json;
    }

    static String wordsOf(String field) {
        return field + WORDS_SUFFIX;
    }

    /** The document's JSON as UTF-8 bytes. */
    byte[] toJson(CanonicalRecord record) {
        ObjectNode doc = json.createObjectNode();
        // Long values are not memoised across records; this keeps one title or subject over 64 characters from
        // being segmented again for all_words.
        Map<String, String> longValues = new HashMap<>();
        doc.put(IndexFields.ID, record.id());
        doc.put(IndexFields.WORK_ID, record.workIdOrSelf());
        text(doc, IndexFields.TITLE, List.of(record.title()), WordsTwin.YES, longValues);
        text(doc, IndexFields.CREATORS, record.creators().stream().map(Creator::name).toList(), WordsTwin.YES, longValues);
        text(doc, IndexFields.SUBJECTS, record.subjects(), WordsTwin.YES, longValues);
        text(doc, IndexFields.DESCRIPTION, record.description().stream().toList(), WordsTwin.NO, longValues);
        text(doc, IndexFields.PUBLISHER, record.publisher().stream().toList(), WordsTwin.NO, longValues);
        text(doc, IndexFields.ALL, IndexFields.allText(record), WordsTwin.YES, longValues);
        List<Pinyin.Forms> pinyin = IndexFields.pinyinForms(record);
        if (!pinyin.isEmpty()) {
            ArrayNode syllables = doc.putArray(IndexFields.PINYIN);
            ArrayNode joined = doc.putArray(IndexFields.PINYIN_JOINED);
            ArrayNode initials = doc.putArray(IndexFields.PINYIN_INITIALS);
            for (Pinyin.Forms forms : pinyin) {
                syllables.add(forms.syllables());
                forms.joined().forEach(joined::add);
                forms.initials().forEach(initials::add);
            }
        }
        ArrayNode isbns = doc.putArray(IndexFields.ISBN);
        IndexFields.isbnTerms(record).forEach(isbns::add);
        ArrayNode barcodes = doc.putArray(IndexFields.BARCODE);
        IndexFields.barcodeTerms(record).forEach(barcodes::add);
        ArrayNode callNumbers = doc.putArray(IndexFields.CALL_NUMBER);
        IndexFields.callNumberTerms(record).forEach(callNumbers::add);
        IndexFields.facetValues(record).forEach((facet, values) -> {
            ArrayNode array = doc.putArray(facet.param());
            values.forEach(array::add);
        });
        long bytes = IndexFields.mediaBytes(record);
        if (bytes > 0) {
            doc.put(IndexFields.MEDIA_BYTES, bytes);
        }
        // Serialised straight into the output, without an intermediate tree: same JSON, half the work.
        doc.putPOJO(RECORD, record);
        return json.writeValueAsBytes(doc);
    }

    /** The record of a document's {@link #RECORD} JSON. */
    CanonicalRecord toRecord(String recordJson) {
        return json.readValue(recordJson, CanonicalRecord.class);
    }

    /** The holdings part of a stored record, from its JSON or a {@code _source}-filtered part of it. */
    RecordHoldings toHoldings(String recordJson) {
        return json.readValue(recordJson, RecordHoldings.class);
    }

    /** The dictionary words of the text, folded, as the {@code *_words} twins hold them. */
    List<String> words(String text) {
        return terms(words, text);
    }

    static List<String> terms(Analyzer analyzer, String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            // Analysing a String reads no I/O; this would be a bug in an analyzer.
            throw new UncheckedIOException("analysing text failed: " + text, e);
        }
        return terms;
    }

    private void text(ObjectNode doc, String field, List<String> values, WordsTwin twin, Map<String, String> longValues) {
        List<String> kept = values.stream().filter(v -> v != null && !v.isBlank()).toList();
        if (kept.isEmpty()) {
            return;
        }
        ArrayNode folded = doc.putArray(field);
        kept.forEach(v -> folded.add(ChineseFolding.fold(v)));
        if (twin == WordsTwin.YES) {
            ArrayNode segmented = doc.putArray(wordsOf(field));
            kept.stream().map(v -> v.length() <= CACHED_VALUE_LENGTH ? this.segmented.get(v)
                    : longValues.computeIfAbsent(v, this.segmented::get)).filter(v -> !v.isEmpty()).forEach(segmented::add);
        }
    }

    @Override
    public void close() {
        words.close();
    }

    private enum WordsTwin { YES, NO }
}
