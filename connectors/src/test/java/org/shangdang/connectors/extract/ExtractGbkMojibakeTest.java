package org.shangdang.connectors.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ExtractGbkMojibakeTest {

    /** What PDFBox reports for a GBK-coded glyph run: one Latin-1 character per byte, a space after each glyph. */
    private static String asPdfBoxReadsIt(String chinese) {
        StringBuilder out = new StringBuilder();
        for (char c : chinese.toCharArray()) {
            out.append(new String(String.valueOf(c).getBytes(Charset.forName("GBK")), StandardCharsets.ISO_8859_1)).append(' ');
        }
        return out.toString().strip();
    }

    @Test
    void chineseReadAsLatin1FromANonEmbeddedGbkFontIsReDecoded() {
        String garbled = asPdfBoxReadsIt("关于红军作战的报告长治武乡八路军总部");

        assertThat(garbled).startsWith("¹Ø ÓÚ");
        assertThat(GbkMojibake.repair(garbled)).contains("关于红军作战的报告长治武乡八路军总部");
    }

    @Test
    void asciiAndLatinTextStayAsTheyAre() {
        assertThat(GbkMojibake.repair("Apache Tika - a content analysis toolkit, 2024")).isEmpty();
        assertThat(GbkMojibake.repair("Une chanson en Français, déjà écrite à Noël, où l'été est très chaud et sûr")).isEmpty();
    }

    @Test
    void textWithChineseAlreadyIsLeftAlone() {
        assertThat(GbkMojibake.repair("浅谈校长的魅力 " + asPdfBoxReadsIt("关于红军作战的报告长治武乡"))).isEmpty();
    }
}
