package org.shangdang.connectors.extract;

import java.time.Duration;
import java.util.Objects;

/**
 * Per-file limits of an extraction.
 *
 * @param maxFileBytes files larger than this are rejected {@link RejectReason#TOO_LARGE} unread
 * @param timeout wall time a child may spend on one file, OCR included, before it is killed
 * @param childHeapMegabytes {@code -Xmx} of each child JVM
 * @param maxTextCharacters text beyond this is cut off (the document says so); bounds the payload
 */
public record ExtractionLimits(long maxFileBytes, Duration timeout, int childHeapMegabytes, int maxTextCharacters) {

    /** 100 MB files, 120 s (OCR of a scanned volume is slow), 512 MB heap, 5 million characters. */
    public static final ExtractionLimits DEFAULT = new ExtractionLimits(100L * 1024 * 1024, Duration.ofSeconds(120), 512,
            5_000_000);

    public ExtractionLimits {
        Objects.requireNonNull(timeout, "timeout");
        if (maxFileBytes < 1) {
            throw new IllegalArgumentException("maxFileBytes must be >= 1; got: " + maxFileBytes);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive; got: " + timeout);
        }
        if (childHeapMegabytes < 64) {
            throw new IllegalArgumentException("childHeapMegabytes must be >= 64; got: " + childHeapMegabytes);
        }
        if (maxTextCharacters < 1) {
            throw new IllegalArgumentException("maxTextCharacters must be >= 1; got: " + maxTextCharacters);
        }
    }

    public ExtractionLimits withTimeout(Duration newTimeout) {
        return new ExtractionLimits(maxFileBytes, newTimeout, childHeapMegabytes, maxTextCharacters);
    }

    public ExtractionLimits withMaxFileBytes(long bytes) {
        return new ExtractionLimits(bytes, timeout, childHeapMegabytes, maxTextCharacters);
    }

    public ExtractionLimits withChildHeapMegabytes(int megabytes) {
        return new ExtractionLimits(maxFileBytes, timeout, megabytes, maxTextCharacters);
    }
}
