package org.shangdang.indexer.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;

/**
 * The tokens an analyzer made of one text, kept so that several fields can index them without analysing the
 * text again: a title is segmented by smartcn once and indexed both in its own field and in the catch-all.
 * {@link #replay()} gives back exactly what the analyzer's stream gave to {@code IndexWriter}: each token's
 * term, position increment, position length and offsets, and after {@code end()} the final position
 * increment and offset, so positions, offsets, frequencies and norms of the index are the same as if the
 * field had been analysed itself.
 *
 * <p>Immutable and thread-safe; each {@link #replay()} is a new stream for one consumer.
 */
public final class CapturedTokens {

    private static final int[] NONE = new int[0];

    /** All terms, one after the other; term {@code i} ends at {@code termEnds[i]}. */
    private final char[] chars;
    private final int[] termEnds;
    private final int[] positionIncrements;
    private final int[] positionLengths;
    private final int[] startOffsets;
    private final int[] endOffsets;
    private final int finalPositionIncrement;
    private final int finalOffset;

    private CapturedTokens(char[] chars, int[] termEnds, int[] positionIncrements, int[] positionLengths,
            int[] startOffsets, int[] endOffsets, int finalPositionIncrement, int finalOffset) {
        this.chars = chars;
        this.termEnds = termEnds;
        this.positionIncrements = positionIncrements;
        this.positionLengths = positionLengths;
        this.startOffsets = startOffsets;
        this.endOffsets = endOffsets;
        this.finalPositionIncrement = finalPositionIncrement;
        this.finalOffset = finalOffset;
    }

    /** Runs the analyzer over the text (as its field {@code field}) and keeps every token. */
    public static CapturedTokens of(Analyzer analyzer, String field, String text) {
        StringBuilder chars = new StringBuilder(text.length() * 2);
        int[] ends = NONE;
        int[] increments = NONE;
        int[] lengths = NONE;
        int[] starts = NONE;
        int[] stops = NONE;
        int count = 0;
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            PositionLengthAttribute length = stream.addAttribute(PositionLengthAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                if (count == ends.length) {
                    int size = Math.max(8, count * 2);
                    ends = Arrays.copyOf(ends, size);
                    increments = Arrays.copyOf(increments, size);
                    lengths = Arrays.copyOf(lengths, size);
                    starts = Arrays.copyOf(starts, size);
                    stops = Arrays.copyOf(stops, size);
                }
                chars.append(term.buffer(), 0, term.length());
                ends[count] = chars.length();
                increments[count] = increment.getPositionIncrement();
                lengths[count] = length.getPositionLength();
                starts[count] = offset.startOffset();
                stops[count] = offset.endOffset();
                count++;
            }
            stream.end();
            char[] all = new char[chars.length()];
            chars.getChars(0, all.length, all, 0);
            return new CapturedTokens(all, Arrays.copyOf(ends, count), Arrays.copyOf(increments, count),
                    Arrays.copyOf(lengths, count), Arrays.copyOf(starts, count), Arrays.copyOf(stops, count),
                    increment.getPositionIncrement(), offset.endOffset());
        } catch (IOException e) {
            // Analysing a String reads no I/O; this would be a bug in an analyzer.
            throw new UncheckedIOException("analysing text of field " + field + " failed: " + text, e);
        }
    }

    /** The number of tokens. */
    public int size() {
        return termEnds.length;
    }

    /** A new stream of the captured tokens; it may be reset and read again. */
    public TokenStream replay() {
        return new Replay(this);
    }

    /**
     * A stream that replays captured tokens. {@link #of(CapturedTokens, TokenStream)} points a stream that {@code IndexWriter}
     * hands back for reuse at other tokens, as Lucene's own string fields reuse theirs.
     */
    public static final class Replay extends TokenStream {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
        private final PositionLengthAttribute length = addAttribute(PositionLengthAttribute.class);
        private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
        private CapturedTokens tokens;
        private int next;

        private Replay(CapturedTokens tokens) {
            this.tokens = tokens;
        }

        /** This stream (when {@code reuse} is a replay) or a new one, set to replay the tokens. */
        public static Replay of(CapturedTokens tokens, TokenStream reuse) {
            if (reuse instanceof Replay replay) {
                replay.tokens = tokens;
                replay.next = 0;
                return replay;
            }
            return new Replay(tokens);
        }

        @Override
        public boolean incrementToken() {
            if (next >= tokens.termEnds.length) {
                return false;
            }
            clearAttributes();
            int from = next == 0 ? 0 : tokens.termEnds[next - 1];
            term.copyBuffer(tokens.chars, from, tokens.termEnds[next] - from);
            increment.setPositionIncrement(tokens.positionIncrements[next]);
            length.setPositionLength(tokens.positionLengths[next]);
            offset.setOffset(tokens.startOffsets[next], tokens.endOffsets[next]);
            next++;
            return true;
        }

        @Override
        public void end() throws IOException {
            super.end();
            increment.setPositionIncrement(tokens.finalPositionIncrement);
            offset.setOffset(tokens.finalOffset, tokens.finalOffset);
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            next = 0;
        }
    }
}
