package org.shangdang.record;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A link from a record to its digital object or a part of it, as a portal would open it.
 *
 * @param kind what the link leads to
 * @param url absolute URL (or {@code file:} URI for files read from a watched directory)
 * @param label what to call it on a page, e.g. {@code 第一册} or {@code 全本录像}
 * @param mimeType e.g. {@code application/pdf}, {@code audio/mpeg}
 * @param bytes the size of the object, where known (the plan reports digital volume in TB)
 * @param metadata what Tika read from the fetched audio or video file (title, artist, duration); empty when the
 *     file was not fetched
 */
public record MediaLink(Kind kind, String url, Optional<String> label, Optional<String> mimeType, Optional<Long> bytes,
        Optional<MediaMetadata> metadata) {

    public MediaLink {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(url, "url");
        if (url.isBlank()) {
            throw new IllegalArgumentException("media url must not be blank");
        }
        label = label == null ? Optional.empty() : label.filter(l -> !l.isBlank());
        mimeType = mimeType == null ? Optional.empty() : mimeType.filter(m -> !m.isBlank());
        bytes = bytes == null ? Optional.empty() : bytes.filter(b -> b >= 0);
        metadata = metadata == null ? Optional.empty() : metadata;
    }

    /** A link without fetched metadata. */
    public MediaLink(Kind kind, String url, Optional<String> label, Optional<String> mimeType, Optional<Long> bytes) {
        this(kind, url, label, mimeType, bytes, Optional.empty());
    }

    /** This link with what was read from its fetched file; the size the source states wins over the one measured. */
    public MediaLink withMetadata(MediaMetadata read, Optional<Long> measuredBytes) {
        Objects.requireNonNull(read, "read");
        return new MediaLink(kind, url, label, mimeType, bytes.or(() -> measuredBytes), Optional.of(read));
    }

    public static MediaLink of(Kind kind, String url) {
        return new MediaLink(kind, url, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The kinds of link; {@link #value()} is the JSON value. */
    public enum Kind {
        IIIF_MANIFEST,
        THUMBNAIL,
        PDF,
        OCR_TEXT,
        AUDIO,
        VIDEO,
        IMAGE,
        WEB_PAGE,
        FILE;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
