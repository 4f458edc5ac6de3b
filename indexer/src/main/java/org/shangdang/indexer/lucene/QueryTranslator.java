package org.shangdang.indexer.lucene;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.shangdang.indexer.IndexFields;
import org.shangdang.indexer.QueryText;
import org.shangdang.indexer.analysis.ChineseAnalyzers;
import org.shangdang.indexer.analysis.Isbns;
import org.shangdang.indexer.analysis.Pinyin;

/**
 * Turns a reader's query text into a Lucene query without a query parser, so no input can make
 * parsing fail: words separated by white space must all match, {@code "double quotes"} (also “…” and
 * full-width quotes) ask for a phrase, and no other character has a meaning.
 *
 * <p>A word matches when, in any searched field (title^4, creators^2, subjects^2, all^1), either all
 * of its dictionary words occur, or its characters occur in sequence in the field's {@code *_cjk} twin
 * (a phrase of the twin's unigrams, {@link ChineseAnalyzers#unigrams()}), or it is the record's ISBN. The
 * best of these scores (dis-max). A word of letters a–z only may also be pinyin of the title, creators
 * or subjects: a syllable (zhi), syllables run together anywhere in sequence (shangdang, changzhi), or
 * initials (czs → 长治市). A phrase matches its characters in sequence, or, when letters only, its
 * pinyin syllables in sequence ("shang dang"). "In sequence" ignores
 * what separates tokens: 红色太行 finds 红色·太行, as the Elasticsearch engine's unigram phrases do (the
 * twin's bigrams would not: a bigram never spans punctuation), so both engines find the same records.
 *
 * <p>Thread-safe; close to release the analyzers.
 */
final class QueryTranslator implements Closeable {

    /** Distinct words and phrases searched at most, see {@link QueryText#MAX_PARTS}. */
    static final int MAX_PARTS = QueryText.MAX_PARTS;

    private static final float ISBN_BOOST = 8f;
    private static final float TIE_BREAKER = 0.1f;

    private final Analyzer words = ChineseAnalyzers.words();
    private final Analyzer unigrams = ChineseAnalyzers.unigrams();

    /**
     * The query for this text: every record when it is blank, none when it holds no searchable
     * character (only punctuation, say).
     *
     * @throws org.shangdang.indexer.InvalidQueryException when it has more than {@link #MAX_PARTS} distinct words and phrases
     */
    Query translate(String text) {
        return translate(text, IndexFields.SEARCHED, Scope.SEARCH);
    }

    /**
     * The same words and phrases over the highlighted fields (one of them, description, is searched
     * only through {@code all}), for the highlighter to find the matches in each field.
     */
    Query highlightQuery(String text) {
        Map<String, Float> fields = new LinkedHashMap<>();
        IndexFields.HIGHLIGHTED.forEach(field -> fields.put(field, 1f));
        return translate(text, fields, Scope.HIGHLIGHT);
    }

    private Query translate(String text, Map<String, Float> fields, Scope scope) {
        List<QueryText.Part> parts = QueryText.parse(text);
        if (parts.isEmpty()) {
            return new MatchAllDocsQuery();
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        int clauses = 0;
        for (QueryText.Part part : parts) {
            Optional<Query> query = part.kind() == QueryText.Kind.PHRASE ? phrase(part.text(), fields, scope) : word(part.text(), fields, scope);
            if (query.isPresent()) {
                all.add(query.get(), BooleanClause.Occur.MUST);
                clauses++;
            }
        }
        return clauses == 0 ? new MatchNoDocsQuery("no searchable characters in q") : all.build();
    }

    private Optional<Query> word(String text, Map<String, Float> fields, Scope scope) {
        List<Token> wordTokens = analyze(words, text);
        List<Token> gramTokens = analyze(unigrams, text);
        List<Query> alternatives = new ArrayList<>();
        for (Map.Entry<String, Float> field : fields.entrySet()) {
            if (!wordTokens.isEmpty()) {
                alternatives.add(new BoostQuery(conjunction(field.getKey(), wordTokens), field.getValue()));
            }
            if (!gramTokens.isEmpty()) {
                alternatives.add(new BoostQuery(sequence(IndexFields.cjk(field.getKey()), gramTokens), field.getValue()));
            }
        }
        if (scope == Scope.SEARCH) {
            Isbns.parse(text).ifPresent(isbn -> alternatives.add(new BoostQuery(isbn(isbn), ISBN_BOOST)));
            Pinyin.queryWord(text).ifPresent(letters -> alternatives.addAll(pinyinWord(letters)));
        }
        return alternatives.isEmpty() ? Optional.empty() : Optional.of(new DisjunctionMaxQuery(alternatives, TIE_BREAKER));
    }

    private Optional<Query> phrase(String text, Map<String, Float> fields, Scope scope) {
        List<Token> gramTokens = analyze(unigrams, text);
        if (gramTokens.isEmpty()) {
            return Optional.empty();
        }
        List<Query> alternatives = new ArrayList<>();
        for (Map.Entry<String, Float> field : fields.entrySet()) {
            alternatives.add(new BoostQuery(sequence(IndexFields.cjk(field.getKey()), gramTokens), field.getValue()));
        }
        if (scope == Scope.SEARCH) {
            Pinyin.queryPhrase(text).ifPresent(syllables -> alternatives.addAll(pinyinPhrase(syllables)));
        }
        return Optional.of(new DisjunctionMaxQuery(alternatives, TIE_BREAKER));
    }

    /**
     * A letters-only word as pinyin: a syllable of {@link IndexFields#PINYIN}; from
     * {@link Pinyin#MIN_JOINED_PREFIX} letters, a prefix of a {@link IndexFields#PINYIN_JOINED} run; with
     * {@link Pinyin#MIN_INITIALS} to {@link Pinyin#MAX_INITIALS} letters, a prefix of a
     * {@link IndexFields#PINYIN_INITIALS} run.
     */
    private static List<Query> pinyinWord(String letters) {
        List<Query> alternatives = new ArrayList<>();
        alternatives.add(new TermQuery(new Term(IndexFields.PINYIN, letters)));
        if (letters.length() >= Pinyin.MIN_JOINED_PREFIX) {
            alternatives.add(new PrefixQuery(new Term(IndexFields.PINYIN_JOINED, Pinyin.joinedPrefix(letters))));
        }
        if (letters.length() >= Pinyin.MIN_INITIALS && letters.length() <= Pinyin.MAX_INITIALS) {
            alternatives.add(new PrefixQuery(new Term(IndexFields.PINYIN_INITIALS, letters)));
        }
        return alternatives;
    }

    /**
     * A letters-only phrase as pinyin: its words as syllables in sequence in {@link IndexFields#PINYIN},
     * or, run together, a prefix of a {@link IndexFields#PINYIN_JOINED} run ("shangdang bangzi").
     */
    private static List<Query> pinyinPhrase(List<String> syllables) {
        List<Query> alternatives = new ArrayList<>();
        PhraseQuery.Builder phrase = new PhraseQuery.Builder();
        syllables.forEach(s -> phrase.add(new Term(IndexFields.PINYIN, s)));
        alternatives.add(phrase.build());
        String joined = String.join("", syllables);
        if (joined.length() >= Pinyin.MIN_JOINED_PREFIX) {
            alternatives.add(new PrefixQuery(new Term(IndexFields.PINYIN_JOINED, Pinyin.joinedPrefix(joined))));
        }
        return alternatives;
    }

    private static Query conjunction(String field, List<Token> tokens) {
        if (tokens.size() == 1) {
            return new TermQuery(new Term(field, tokens.get(0).term()));
        }
        BooleanQuery.Builder and = new BooleanQuery.Builder();
        for (Token token : tokens) {
            and.add(new TermQuery(new Term(field, token.term())), BooleanClause.Occur.MUST);
        }
        return and.build();
    }

    private static Query sequence(String field, List<Token> tokens) {
        if (tokens.size() == 1) {
            return new TermQuery(new Term(field, tokens.get(0).term()));
        }
        PhraseQuery.Builder phrase = new PhraseQuery.Builder();
        for (Token token : tokens) {
            phrase.add(new Term(field, token.term()), token.position());
        }
        return phrase.build();
    }

    private static Query isbn(String normalised) {
        Optional<String> isbn13 = Isbns.toIsbn13(normalised);
        if (isbn13.isEmpty()) {
            return new TermQuery(new Term(IndexFields.ISBN, normalised));
        }
        return new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.ISBN, normalised)), BooleanClause.Occur.SHOULD)
                .add(new TermQuery(new Term(IndexFields.ISBN, isbn13.get())), BooleanClause.Occur.SHOULD)
                .build();
    }

    private static List<Token> analyze(Analyzer analyzer, String text) {
        List<Token> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            int position = -1;
            while (stream.incrementToken()) {
                position += increment.getPositionIncrement();
                tokens.add(new Token(term.toString(), Math.max(position, 0)));
            }
            stream.end();
        } catch (IOException e) {
            // Analysing a String reads no I/O; this would be a bug in an analyzer.
            throw new UncheckedIOException("analysing the query text failed: " + text, e);
        }
        return tokens;
    }

    @Override
    public void close() {
        words.close();
        unigrams.close();
    }

    /** What a query is for: a search also matches ISBNs and pinyin; the highlighter marks only the catalogued text. */
    private enum Scope { SEARCH, HIGHLIGHT }

    private record Token(String term, int position) {}
}
