package org.shangdang.indexer.analysis;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.icu.ICUNormalizer2CharFilter;
import org.apache.lucene.analysis.icu.ICUTransformFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import com.ibm.icu.text.Transliterator;

/**
 * A JMH-free sanity measurement, run by hand (not a test): the bigram analysis chain with the
 * table-based {@link ChineseFoldingCharFilter} against the same chain folding with ICU's
 * {@code Traditional-Simplified} {@link ICUTransformFilter}. Prints chars/s of each after warm-up. Run
 * after {@code mvn -pl indexer test-compile} with {@code java -cp <classes, test-classes, lucene, icu4j jars>
 * org.shangdang.indexer.analysis.FoldingThroughputCheck}.
 */
public final class FoldingThroughputCheck {

    public static void main(String[] args) throws IOException {
        List<String> texts = sampleTexts(2_000, 110);
        long tableStart = System.nanoTime();
        ChineseFolding.toSimplified('長');
        System.out.printf("table built in %d ms, %d mappings%n",
                (System.nanoTime() - tableStart) / 1_000_000, ChineseFolding.tableSize());

        try (Analyzer table = ChineseAnalyzers.bigramsIndex(); Analyzer icu = icuTransformBigrams(); Analyzer none = noFoldBigrams()) {
            for (int round = 0; round < 8; round++) {
                report("no T→S fold (NFKC only)", none, texts);
                report("table fold (ChineseFoldingCharFilter)", table, texts);
                report("ICUTransformFilter Traditional-Simplified", icu, texts);
            }
        }
        long start = System.nanoTime();
        long chars = 0;
        for (int i = 0; i < 20; i++) {
            for (String t : texts) {
                chars += ChineseFolding.fold(t).length();
            }
        }
        System.out.printf("ChineseFolding.fold(String): %.1f M chars/s%n", chars / ((System.nanoTime() - start) / 1e9) / 1e6);
    }

    private static void report(String name, Analyzer analyzer, List<String> texts) throws IOException {
        long start = System.nanoTime();
        long chars = 0;
        long tokens = 0;
        for (int i = 0; i < 10; i++) {
            for (String text : texts) {
                chars += text.length();
                try (TokenStream stream = analyzer.tokenStream("f", text)) {
                    stream.reset();
                    while (stream.incrementToken()) {
                        tokens++;
                    }
                    stream.end();
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-45s %6.2f M chars/s (%d tokens)%n", name, chars / seconds / 1e6, tokens);
    }

    private static Analyzer icuTransformBigrams() {
        Transliterator t2s = Transliterator.getInstance("Traditional-Simplified");
        return new Analyzer() {
            @Override
            protected Reader initReader(String fieldName, Reader reader) {
                return new ICUNormalizer2CharFilter(reader, ChineseFolding.nfkcCasefold());
            }

            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new StandardTokenizer();
                TokenStream stream = new ICUTransformFilter(new LowerCaseFilter(tokenizer), t2s);
                return new TokenStreamComponents(tokenizer, new CJKBigramFilter(stream, CJKBigramFilter.HAN, true));
            }
        };
    }

    private static Analyzer noFoldBigrams() {
        return new Analyzer() {
            @Override
            protected Reader initReader(String fieldName, Reader reader) {
                return new ICUNormalizer2CharFilter(reader, ChineseFolding.nfkcCasefold());
            }

            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new StandardTokenizer();
                return new TokenStreamComponents(tokenizer, new CJKBigramFilter(new LowerCaseFilter(tokenizer), CJKBigramFilter.HAN, true));
            }
        };
    }

    /** Bibliographic-like text: common traditional and simplified characters, some Latin and digits. */
    private static List<String> sampleTexts(int count, int length) {
        String pool = "長治市圖書館上黨梆子劇目選潞城縣志記述民國以來的沿革长治历史文化中国古代建筑北京大学出版社太行精神女娲补天";
        Random random = new Random(42);
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder sb = new StringBuilder(length);
            while (sb.length() < length) {
                if (random.nextInt(20) == 0) {
                    sb.append(" ISBN 978-7-").append(random.nextInt(10000)).append(' ');
                } else {
                    sb.append(pool.charAt(random.nextInt(pool.length())));
                }
            }
            texts.add(sb.toString());
        }
        return texts;
    }
}
