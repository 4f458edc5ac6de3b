package org.shangdang.connectors.files;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of fetching one referenced file.
 *
 * @param maxBytes a document (PDF, OCR text, file) longer than this is refused {@code TOO_LARGE}; reading stops there
 * @param mediaPrefixBytes of an audio or video file only this many first bytes are read: enough for the tags and
 *     headers Tika reads metadata from, never the whole recording
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long one read may wait for bytes
 * @param deadline how long the whole fetch, redirects and body included, may take
 * @param maxRedirects redirects followed at most, {@code 0} for none
 */
public record FileFetchLimits(long maxBytes, long mediaPrefixBytes, Duration connectTimeout, Duration readTimeout,
        Duration deadline, int maxRedirects) {

    /** 100 MB documents, 4 MB of media, 10 s to connect, 30 s per read, 120 s in all, 5 redirects. */
    public static final FileFetchLimits DEFAULT = new FileFetchLimits(100L * 1024 * 1024, 4L * 1024 * 1024,
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(120), 5);

    public FileFetchLimits {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(deadline, "deadline");
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be >= 1; got: " + maxBytes);
        }
        if (mediaPrefixBytes < 1024) {
            throw new IllegalArgumentException("mediaPrefixBytes must be >= 1024; got: " + mediaPrefixBytes);
        }
        for (Duration d : new Duration[] {connectTimeout, readTimeout, deadline}) {
            if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("timeouts must be positive milliseconds; got: " + d);
            }
        }
        if (maxRedirects < 0 || maxRedirects > 20) {
            throw new IllegalArgumentException("maxRedirects must be between 0 and 20; got: " + maxRedirects);
        }
    }
}
