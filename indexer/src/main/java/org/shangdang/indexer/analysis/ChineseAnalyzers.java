package org.shangdang.indexer.analysis;

import java.io.IOException;
import java.io.Reader;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.miscellaneous.LengthFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The analyzers of the Shangdang index. Every text analyzer first runs {@link ChineseFoldingCharFilter}
 * (NFKC case folding, traditional → simplified), so 長治, 长治 and full-width input meet on the same
 * terms while offsets still point into the text as catalogued.
 *
 * <p>Each call returns a new analyzer; analyzers are thread-safe and should be closed by their owner.
 */
public final class ChineseAnalyzers {

    /**
     * Positions between the values of a multi-valued field, so a phrase never matches across two
     * creators or two subjects.
     */
    public static final int POSITION_INCREMENT_GAP = 100;

    /** Longer tokens are noise (run-together identifiers, base64) and risk Lucene's term size limit. */
    private static final int MAX_TOKEN_LENGTH = 255;

    private ChineseAnalyzers() {}

    /**
     * Dictionary words: smartcn's {@link HMMChineseTokenizer} (北京大学出版社 → 北京 / 大学 / 出版社),
     * lower-cased, with punctuation-only tokens dropped. No stop words: function words such as 的 and 之
     * are part of titles readers type, and the bigram fields would keep them anyway. No stemming: Latin
     * text here is mostly names and codes.
     */
    public static Analyzer words() {
        return new FoldingAnalyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new HMMChineseTokenizer();
                TokenStream stream = new LowerCaseFilter(tokenizer);
                stream = new LetterOrDigitFilter(stream);
                stream = new LengthFilter(stream, 1, MAX_TOKEN_LENGTH);
                return new TokenStreamComponents(tokenizer, stream);
            }
        };
    }

    /**
     * Overlapping CJK bigrams plus unigrams, for indexing: recall for any character sequence whatever the
     * dictionary thinks, and single-character queries still match. Non-CJK text gets
     * {@link StandardTokenizer} words.
     */
    public static Analyzer bigramsIndex() {
        return bigrams(true);
    }

    /**
     * Bigrams only, for queries: a multi-character query becomes its bigrams in sequence (searched as a
     * phrase), while a lone CJK character still yields its unigram.
     */
    public static Analyzer bigramsQuery() {
        return bigrams(false);
    }

    /**
     * {@link StandardTokenizer} words, lower-cased: each CJK character is a token of its own, other text
     * is split into words. These are exactly the unigrams {@link #bigramsIndex()} puts at every position
     * (and what Elasticsearch's {@code standard} analyzer makes of folded text), so a phrase of these
     * tokens finds a query's characters in sequence in either engine, whatever separates them (spaces,
     * punctuation) in the record or in the query.
     */
    public static Analyzer unigrams() {
        return new FoldingAnalyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                StandardTokenizer tokenizer = new StandardTokenizer();
                tokenizer.setMaxTokenLength(MAX_TOKEN_LENGTH);
                return new TokenStreamComponents(tokenizer, new LowerCaseFilter(tokenizer));
            }
        };
    }

    /** The whole value as one term of digits and {@code X}, see {@link Isbns#normalise(CharSequence)}. */
    public static Analyzer isbn() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new KeywordTokenizer();
                TokenStream stream = new IsbnNormalisingFilter(tokenizer);
                stream = new LengthFilter(stream, 1, 32);
                return new TokenStreamComponents(tokenizer, stream);
            }
        };
    }

    private static Analyzer bigrams(boolean outputUnigrams) {
        return new FoldingAnalyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                StandardTokenizer tokenizer = new StandardTokenizer();
                tokenizer.setMaxTokenLength(MAX_TOKEN_LENGTH);
                TokenStream stream = new LowerCaseFilter(tokenizer);
                stream = new CJKBigramFilter(stream,
                        CJKBigramFilter.HAN | CJKBigramFilter.HIRAGANA | CJKBigramFilter.KATAKANA | CJKBigramFilter.HANGUL,
                        outputUnigrams);
                return new TokenStreamComponents(tokenizer, stream);
            }
        };
    }

    private abstract static class FoldingAnalyzer extends Analyzer {
        @Override
        protected Reader initReader(String fieldName, Reader reader) {
            return new ChineseFoldingCharFilter(reader);
        }

        @Override
        protected Reader initReaderForNormalization(String fieldName, Reader reader) {
            return new ChineseFoldingCharFilter(reader);
        }

        @Override
        public int getPositionIncrementGap(String fieldName) {
            return POSITION_INCREMENT_GAP;
        }
    }

    /** Drops tokens without a letter or digit: smartcn emits punctuation as tokens. */
    private static final class LetterOrDigitFilter extends FilteringTokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

        LetterOrDigitFilter(TokenStream in) {
            super(in);
        }

        @Override
        protected boolean accept() {
            for (int i = 0; i < term.length(); ) {
                int codePoint = Character.codePointAt(term.buffer(), i, term.length());
                if (Character.isLetterOrDigit(codePoint)) {
                    return true;
                }
                i += Character.charCount(codePoint);
            }
            return false;
        }
    }

    private static final class IsbnNormalisingFilter extends TokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

        IsbnNormalisingFilter(TokenStream in) {
            super(in);
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) {
                return false;
            }
            String normalised = Isbns.normalise(term);
            term.setEmpty().append(normalised);
            return true;
        }
    }
}
