package org.shangdang.connectors.files;

import java.util.Optional;

/**
 * What identifies a version of a fetched file, as its server stated it; a later fetch sends them back so an
 * unchanged file is not transferred again.
 *
 * @param etag the {@code ETag} header
 * @param lastModified the {@code Last-Modified} header, as sent
 * @param bytes the length read (or, for a media prefix, the stated {@code Content-Length})
 */
public record FileValidators(Optional<String> etag, Optional<String> lastModified, Optional<Long> bytes) {

    public FileValidators {
        etag = etag == null ? Optional.empty() : etag.filter(e -> !e.isBlank());
        lastModified = lastModified == null ? Optional.empty() : lastModified.filter(l -> !l.isBlank());
        bytes = bytes == null ? Optional.empty() : bytes;
    }

    /** Whether a server could answer {@code 304 Not Modified} to them. */
    public boolean conditional() {
        return etag.isPresent() || lastModified.isPresent();
    }
}
