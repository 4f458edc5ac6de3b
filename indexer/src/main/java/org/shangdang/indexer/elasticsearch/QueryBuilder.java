package org.shangdang.indexer.elasticsearch;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.shangdang.indexer.Facet;
import org.shangdang.indexer.IndexFields;
import org.shangdang.indexer.QueryText;
import org.shangdang.indexer.analysis.ChineseAnalyzers;
import org.shangdang.indexer.analysis.ChineseFolding;
import org.shangdang.indexer.analysis.Isbns;
import org.shangdang.indexer.analysis.Pinyin;

/**
 * Turns a reader's query into Elasticsearch queries with the Lucene engine's semantics
 * ({@code QueryTranslator}): the text is split by {@link QueryText}; every word and phrase must match.
 * A word matches when, in any searched field (title^4, creators^2, subjects^2, all^1), all of its
 * dictionary words occur in the field's {@code *_words} twin, or its characters occur in sequence in the
 * folded field (a phrase over the standard analyzer's CJK unigrams, as the Lucene engine searches its
 * {@code *_cjk} twins), or it is the record's ISBN; the best of these scores (dis-max). A phrase
 * matches its characters in sequence. Letters-only words and phrases also match pinyin, as in the Lucene
 * engine: the same {@code pinyin*} fields, filled by the same Java code, searched by term, phrase and
 * prefix queries. Scores differ from the Lucene engine's; the hits do not.
 *
 * <p>Thread-safe; close to release the analyzers.
 */
final class QueryBuilder implements Closeable {

    private static final float ISBN_BOOST = 8f;
    private static final double TIE_BREAKER = 0.1;
    /** The sub-field {@code analysis-smartcn.json} adds to the searched fields. */
    static final String SMARTCN_SUBFIELD = ".smartcn";

    private final RecordDocuments documents;
    /**
     * What Elasticsearch's standard analyzer makes of folded text; asked only whether a text has any
     * token, as the Lucene engine decides whether a word can be searched in sequence.
     */
    private final Analyzer unigrams = ChineseAnalyzers.unigrams();

    QueryBuilder(RecordDocuments documents) {
        this.documents = documents;
    }

    /**
     * The query for this text: every record when it is blank, none when it holds no searchable character.
     *
     * @throws org.shangdang.indexer.InvalidQueryException when it has too many words or phrases
     */
    Query text(String text) {
        return text(text, new IndexTemplate(java.util.Set.of()));
    }

    /**
     * The query for this text on an index created from this template: when it has the {@code .smartcn}
     * sub-fields, they are added as optional clauses, which rank but never decide whether a record matches.
     */
    Query text(String text, IndexTemplate template) {
        List<QueryText.Part> parts = QueryText.parse(text);
        if (parts.isEmpty()) {
            return Query.of(q -> q.matchAll(m -> m));
        }
        List<Query> must = new ArrayList<>();
        for (QueryText.Part part : parts) {
            Optional<Query> query = part.kind() == QueryText.Kind.PHRASE ? phrase(part.text()) : word(part.text());
            query.ifPresent(must::add);
        }
        if (must.isEmpty()) {
            return Query.of(q -> q.matchNone(m -> m));
        }
        List<Query> should = new ArrayList<>();
        if (template.ranksWithSmartcn()) {
            String folded = ChineseFolding.fold(text);
            for (Map.Entry<String, Float> field : IndexFields.SEARCHED.entrySet()) {
                should.add(Query.of(q -> q.match(m -> m.field(field.getKey() + SMARTCN_SUBFIELD).query(folded)
                        .boost(field.getValue()))));
            }
        }
        return Query.of(q -> q.bool(b -> b.must(must).should(should)));
    }

    /** A filter on these facet values (already checked by {@code SearchLimits}): values ORed, facets ANDed. */
    static Query filter(Map<Facet, List<String>> filters) {
        if (filters.isEmpty()) {
            return Query.of(q -> q.matchAll(m -> m));
        }
        List<Query> clauses = new ArrayList<>();
        filters.forEach((facet, values) -> clauses.add(Query.of(q -> q.terms(t -> t.field(facet.param())
                .terms(v -> v.value(values.stream().map(FieldValue::of).toList()))))));
        return Query.of(q -> q.bool(b -> b.filter(clauses)));
    }

    private Optional<Query> word(String text) {
        List<String> words = documents.words(text);
        boolean hasSequence = !RecordDocuments.terms(unigrams, text).isEmpty();
        String folded = ChineseFolding.fold(text);
        List<Query> alternatives = new ArrayList<>();
        for (Map.Entry<String, Float> field : IndexFields.SEARCHED.entrySet()) {
            if (!words.isEmpty()) {
                alternatives.add(allWords(RecordDocuments.wordsOf(field.getKey()), words, field.getValue()));
            }
            if (hasSequence) {
                alternatives.add(inSequence(field.getKey(), folded, field.getValue()));
            }
        }
        Isbns.parse(text).ifPresent(isbn -> {
            List<FieldValue> terms = new ArrayList<>();
            terms.add(FieldValue.of(isbn));
            Isbns.toIsbn13(isbn).map(FieldValue::of).ifPresent(terms::add);
            alternatives.add(Query.of(q -> q.terms(t -> t.field(IndexFields.ISBN).terms(v -> v.value(terms)).boost(ISBN_BOOST))));
        });
        Pinyin.queryWord(text).ifPresent(letters -> alternatives.addAll(pinyinWord(letters)));
        return alternatives.isEmpty() ? Optional.empty() : Optional.of(disMax(alternatives));
    }

    private Optional<Query> phrase(String text) {
        if (RecordDocuments.terms(unigrams, text).isEmpty()) {
            return Optional.empty();
        }
        String folded = ChineseFolding.fold(text);
        List<Query> alternatives = new ArrayList<>();
        for (Map.Entry<String, Float> field : IndexFields.SEARCHED.entrySet()) {
            alternatives.add(inSequence(field.getKey(), folded, field.getValue()));
        }
        Pinyin.queryPhrase(text).ifPresent(syllables -> alternatives.addAll(pinyinPhrase(syllables)));
        return Optional.of(disMax(alternatives));
    }

    /** A letters-only word as pinyin, as the Lucene engine searches it: a syllable, a joined run's prefix, initials' prefix. */
    private static List<Query> pinyinWord(String letters) {
        List<Query> alternatives = new ArrayList<>();
        alternatives.add(Query.of(q -> q.term(t -> t.field(IndexFields.PINYIN).value(letters))));
        if (letters.length() >= Pinyin.MIN_JOINED_PREFIX) {
            alternatives.add(prefix(IndexFields.PINYIN_JOINED, Pinyin.joinedPrefix(letters)));
        }
        if (letters.length() >= Pinyin.MIN_INITIALS && letters.length() <= Pinyin.MAX_INITIALS) {
            alternatives.add(prefix(IndexFields.PINYIN_INITIALS, letters));
        }
        return alternatives;
    }

    /** A letters-only phrase as pinyin: its syllables in sequence, or run together as a joined run's prefix. */
    private static List<Query> pinyinPhrase(List<String> syllables) {
        List<Query> alternatives = new ArrayList<>();
        // The field's whitespace analyzer splits the phrase exactly as the syllables list does.
        String phrase = String.join(" ", syllables);
        alternatives.add(Query.of(q -> q.matchPhrase(m -> m.field(IndexFields.PINYIN).query(phrase))));
        String joined = String.join("", syllables);
        if (joined.length() >= Pinyin.MIN_JOINED_PREFIX) {
            alternatives.add(prefix(IndexFields.PINYIN_JOINED, Pinyin.joinedPrefix(joined)));
        }
        return alternatives;
    }

    private static Query prefix(String field, String prefix) {
        return Query.of(q -> q.prefix(p -> p.field(field).value(prefix)));
    }

    private static Query allWords(String field, List<String> words, float boost) {
        if (words.size() == 1) {
            return Query.of(q -> q.term(t -> t.field(field).value(words.get(0)).boost(boost)));
        }
        List<Query> terms = words.stream()
                .map(w -> Query.of(q -> q.term(t -> t.field(field).value(w))))
                .toList();
        return Query.of(q -> q.bool(b -> b.must(terms).boost(boost)));
    }

    private static Query inSequence(String field, String folded, float boost) {
        return Query.of(q -> q.matchPhrase(m -> m.field(field).query(folded).boost(boost)));
    }

    private static Query disMax(List<Query> alternatives) {
        return Query.of(q -> q.disMax(d -> d.queries(alternatives).tieBreaker(TIE_BREAKER)));
    }

    @Override
    public void close() {
        unigrams.close();
    }
}
