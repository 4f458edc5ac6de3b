package org.shangdang.indexer.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.Transliterator;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.junit.jupiter.api.Test;

class ChineseAnalysisTest {

    @Test
    void foldsTraditionalToSimplified() {
        assertThat(ChineseFolding.fold("長治")).isEqualTo("长治");
        assertThat(ChineseFolding.fold("圖書館")).isEqualTo("图书馆");
        assertThat(ChineseFolding.fold("長治市圖書館藏上黨梆子劇本")).isEqualTo("长治市图书馆藏上党梆子剧本");
    }

    @Test
    void leavesSimplifiedAndLatinTextAsIs() {
        assertThat(ChineseFolding.fold("长治市图书馆 library")).isEqualTo("长治市图书馆 library");
    }

    @Test
    void foldsFullWidthAndCase() {
        assertThat(ChineseFolding.fold("ＡＢＣ１２３")).isEqualTo("abc123");
        assertThat(ChineseFolding.fold("Shangdang　ＸＹ")).isEqualTo("shangdang xy");
    }

    @Test
    void tableKeepsOnlyOneToOneMappingsAndCoversCommonCharacters() {
        assertThat(ChineseFolding.tableSize()).isGreaterThan(2000);
        assertThat(ChineseFolding.toSimplified('黨')).isEqualTo('党');
        assertThat(ChineseFolding.toSimplified('a')).isEqualTo('a');
    }

    @Test
    void tableFoldAgreesWithIcuTransliteratorOnCatalogueText() {
        // given text as catalogued in traditional script, Latin and full-width forms mixed in
        String text = "山西省長治市圖書館藏《上黨梆子傳統劇目彙編》第貳輯，黎侯虎與長子縣鼓書藝術研究 ＩＳＢＮ ７-５４４０";
        Transliterator icu = Transliterator.getInstance("Traditional-Simplified");

        // then folding by table gives what ICU's transform gives after NFKC case folding
        assertThat(ChineseFolding.fold(text)).isEqualTo(icu.transliterate(ChineseFolding.nfkcCasefold().normalize(text)));
    }

    @Test
    void charFilterFoldsTheSameWhateverTheReadBufferSize() throws IOException {
        // given text with supplementary-plane characters (Ext B) next to traditional ones
        String text = "𠀀長治𠀁圖書館𪚥黨ＡＢＣ";

        for (int bufferSize : new int[] {1, 2, 3, 5, 64}) {
            // when read through the char filter in small chunks
            StringBuilder out = new StringBuilder();
            try (Reader filter = new ChineseFoldingCharFilter(new StringReader(text))) {
                char[] buffer = new char[bufferSize];
                for (int n; (n = filter.read(buffer, 0, bufferSize)) != -1; ) {
                    out.append(buffer, 0, n);
                }
            }
            // then the result equals folding the whole string
            assertThat(out.toString()).as("buffer size %d", bufferSize).isEqualTo(ChineseFolding.fold(text));
        }
    }

    @Test
    void charFilterKeepsOffsetsInTheOriginalText() throws IOException {
        // given a traditional title with full-width digits before it (NFKC shortens nothing here but
        // ㈠ expands to "(一)", which moves every later offset)
        String original = "㈠長治市圖書館";

        // when analysed into bigrams
        List<String[]> tokens = tokensWithOffsets(ChineseAnalyzers.bigramsIndex(), original);

        // then the bigram 长治 points at 長治 in the original
        assertThat(tokens).anySatisfy(t -> {
            assertThat(t[0]).isEqualTo("长治");
            assertThat(t[1]).isEqualTo("長治");
        });
    }

    @Test
    void wordsAnalyzerSegmentsAPublisherNameIntoDictionaryWords() throws IOException {
        // smartcn's dictionary knows 北京大学 as one word; 北京 alone is found through the bigram fields
        assertThat(terms(ChineseAnalyzers.words(), "北京大学出版社")).containsExactly("北京大学", "出版社");
        assertThat(terms(ChineseAnalyzers.words(), "长治市图书馆")).containsExactly("长治市", "图书馆");
    }

    @Test
    void wordsAnalyzerFoldsBeforeSegmentingAndDropsPunctuation() throws IOException {
        assertThat(terms(ChineseAnalyzers.words(), "《北京大學出版社》，ＡＢＣ")).containsExactly("北京大学", "出版社", "abc");
    }

    @Test
    void indexBigramsKeepUnigramsAndQueryBigramsDoNot() throws IOException {
        assertThat(terms(ChineseAnalyzers.bigramsIndex(), "上党梆子"))
                .containsExactly("上", "上党", "党", "党梆", "梆", "梆子", "子");
        assertThat(terms(ChineseAnalyzers.bigramsQuery(), "上黨梆子")).containsExactly("上党", "党梆", "梆子");
    }

    @Test
    void queryBigramsStillEmitASingleCharacter() throws IOException {
        assertThat(terms(ChineseAnalyzers.bigramsQuery(), "黨")).containsExactly("党");
    }

    @Test
    void isbnAnalyzerKeepsDigitsAndCheckCharacter() throws IOException {
        assertThat(terms(ChineseAnalyzers.isbn(), "７-5440-1234-x")).containsExactly("754401234X");
    }

    @Test
    void isbnParsingAcceptsOnlyIsbnShapedInput() {
        assertThat(Isbns.parse("978-7-5440-1234-5")).contains("9787544012345");
        assertThat(Isbns.parse("７５４４０１２３４Ｘ")).contains("754401234X");
        assertThat(Isbns.parse("长治 978")).isEmpty();
        assertThat(Isbns.parse("12345")).isEmpty();
    }

    @Test
    void isbn10ConvertsToIsbn13WithCheckDigit() {
        // 7-5440-1234-? → 978-7-5440-1234-? ; 0-306-40615-2 is the classic example: 978-0-306-40615-7
        assertThat(Isbns.toIsbn13("0306406152")).contains("9780306406157");
        assertThat(Isbns.toIsbn13("9780306406157")).isEmpty();
    }

    private static List<String> terms(Analyzer analyzer, String text) throws IOException {
        List<String> terms = new ArrayList<>();
        for (String[] t : tokensWithOffsets(analyzer, text)) {
            terms.add(t[0]);
        }
        return terms;
    }

    /** Each token as {term, the original text its offsets cover}. */
    private static List<String[]> tokensWithOffsets(Analyzer analyzer, String text) throws IOException {
        List<String[]> tokens = new ArrayList<>();
        try (analyzer; TokenStream stream = analyzer.tokenStream("f", new StringReader(text))) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(new String[] {term.toString(), text.substring(offset.startOffset(), offset.endOffset())});
            }
            stream.end();
        }
        return tokens;
    }
}
