package org.shangdang.indexer.lucene;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.shangdang.indexer.IndexFields;
import org.shangdang.indexer.InvalidQueryException;
import org.shangdang.indexer.analysis.ChineseAnalyzers;
import org.shangdang.indexer.analysis.Isbns;

/**
 * Turns a reader's query text into a Lucene query without a query parser, so no input can make
 * parsing fail: words separated by white space must all match, {@code "double quotes"} (also “…” and
 * full-width quotes) ask for a phrase, and no other character has a meaning.
 *
 * <p>A word matches when, in any searched field (title^4, creators^2, subjects^2, all^1), either all
 * of its dictionary words occur, or its CJK bigrams occur in sequence in the field's bigram twin, or it
 * is the record's ISBN. The best of these scores (dis-max). A phrase matches its bigrams in sequence.
 *
 * <p>Thread-safe; close to release the analyzers.
 */
final class QueryTranslator implements Closeable {

    /** Distinct words and phrases searched at most; more is a pasted text, not a query. */
    static final int MAX_PARTS = 32;

    private static final Pattern PART = Pattern.compile("\"([^\"]*)\"?|([^\\s\"]+)", Pattern.UNICODE_CHARACTER_CLASS);
    private static final float ISBN_BOOST = 8f;
    private static final float TIE_BREAKER = 0.1f;

    private final Analyzer words = ChineseAnalyzers.words();
    private final Analyzer bigrams = ChineseAnalyzers.bigramsQuery();

    /**
     * The query for this text: every record when it is blank, none when it holds no searchable
     * character (only punctuation, say).
     *
     * @throws InvalidQueryException when it has more than {@link #MAX_PARTS} distinct words and phrases
     */
    Query translate(String text) {
        return translate(text, IndexFields.SEARCHED, IsbnClause.INCLUDED);
    }

    /**
     * The same words and phrases over the highlighted fields (one of them, description, is searched
     * only through {@code all}), for the highlighter to find the matches in each field.
     */
    Query highlightQuery(String text) {
        Map<String, Float> fields = new LinkedHashMap<>();
        IndexFields.HIGHLIGHTED.forEach(field -> fields.put(field, 1f));
        return translate(text, fields, IsbnClause.LEFT_OUT);
    }

    private Query translate(String text, Map<String, Float> fields, IsbnClause isbnClause) {
        Set<Part> parts = split(text);
        if (parts.isEmpty()) {
            return new MatchAllDocsQuery();
        }
        if (parts.size() > MAX_PARTS) {
            throw new InvalidQueryException(
                    "q must have at most " + MAX_PARTS + " distinct words or phrases; got: " + parts.size());
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        int clauses = 0;
        for (Part part : parts) {
            Optional<Query> query = part.phrase() ? phrase(part.text(), fields) : word(part.text(), fields, isbnClause);
            if (query.isPresent()) {
                all.add(query.get(), BooleanClause.Occur.MUST);
                clauses++;
            }
        }
        return clauses == 0 ? new MatchNoDocsQuery("no searchable characters in q") : all.build();
    }

    private Optional<Query> word(String text, Map<String, Float> fields, IsbnClause isbnClause) {
        List<Token> wordTokens = analyze(words, text);
        List<Token> gramTokens = analyze(bigrams, text);
        List<Query> alternatives = new ArrayList<>();
        for (Map.Entry<String, Float> field : fields.entrySet()) {
            if (!wordTokens.isEmpty()) {
                alternatives.add(new BoostQuery(conjunction(field.getKey(), wordTokens), field.getValue()));
            }
            if (!gramTokens.isEmpty()) {
                alternatives.add(new BoostQuery(sequence(IndexFields.cjk(field.getKey()), gramTokens), field.getValue()));
            }
        }
        if (isbnClause == IsbnClause.INCLUDED) {
            Isbns.parse(text).ifPresent(isbn -> alternatives.add(new BoostQuery(isbn(isbn), ISBN_BOOST)));
        }
        return alternatives.isEmpty() ? Optional.empty() : Optional.of(new DisjunctionMaxQuery(alternatives, TIE_BREAKER));
    }

    private Optional<Query> phrase(String text, Map<String, Float> fields) {
        List<Token> gramTokens = analyze(bigrams, text);
        if (gramTokens.isEmpty()) {
            return Optional.empty();
        }
        List<Query> alternatives = new ArrayList<>();
        for (Map.Entry<String, Float> field : fields.entrySet()) {
            alternatives.add(new BoostQuery(sequence(IndexFields.cjk(field.getKey()), gramTokens), field.getValue()));
        }
        return Optional.of(new DisjunctionMaxQuery(alternatives, TIE_BREAKER));
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

    private static Set<Part> split(String text) {
        // Curly and full-width quotes are what Chinese input methods type for ".
        String normalised = text.replace('“', '"').replace('”', '"').replace('＂', '"');
        Set<Part> parts = new LinkedHashSet<>();
        Matcher m = PART.matcher(normalised);
        while (m.find()) {
            if (m.group(1) != null) {
                if (!m.group(1).isBlank()) {
                    parts.add(new Part(m.group(1).strip(), true));
                }
            } else {
                parts.add(new Part(m.group(2), false));
            }
        }
        return parts;
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
        bigrams.close();
    }

    private enum IsbnClause { INCLUDED, LEFT_OUT }

    private record Part(String text, boolean phrase) {}

    private record Token(String term, int position) {}
}
