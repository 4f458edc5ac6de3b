package org.shangdang.indexer.analysis;

import java.io.IOException;
import java.io.Reader;
import org.apache.lucene.analysis.CharFilter;
import org.apache.lucene.analysis.icu.ICUNormalizer2CharFilter;

/**
 * A {@link CharFilter} that applies {@link ChineseFolding#fold(CharSequence)} to a stream: NFKC case
 * folding (through {@link ICUNormalizer2CharFilter}, which corrects offsets where NFKC changes the
 * length), then the length-preserving traditional → simplified table. Token offsets therefore point
 * into the original, unfolded text, which is what highlighting needs.
 *
 * <p>Not thread-safe, like every {@link Reader}; analyzers create one per field value.
 */
public final class ChineseFoldingCharFilter extends CharFilter {

    /** A high surrogate held back from the previous read so its pair is mapped as one code point. */
    private int pendingHighSurrogate = -1;

    public ChineseFoldingCharFilter(Reader in) {
        super(new ICUNormalizer2CharFilter(in, ChineseFolding.nfkcCasefold()));
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len <= 0) {
            return 0;
        }
        int count = 0;
        if (pendingHighSurrogate >= 0) {
            cbuf[off] = (char) pendingHighSurrogate;
            pendingHighSurrogate = -1;
            count = 1;
        }
        if (count < len) {
            int read = input.read(cbuf, off + count, len - count);
            if (read > 0) {
                count += read;
                // The low half may arrive with the next read: keep the high half back when room allows.
                if (count > 1 && Character.isHighSurrogate(cbuf[off + count - 1])) {
                    pendingHighSurrogate = cbuf[off + count - 1];
                    count--;
                }
            }
        }
        if (count == 0) {
            return -1;
        }
        ChineseFolding.foldInPlace(cbuf, off, off + count);
        return count;
    }

    @Override
    protected int correct(int currentOff) {
        // The table never changes lengths; the wrapped normaliser corrects its own offsets.
        return currentOff;
    }
}
