package org.shangdang.connectors.files;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** The outcome of fetching one referenced file. */
public sealed interface FileFetch {

    /**
     * The file's bytes are in {@code file} (a temporary file the caller deletes).
     *
     * @param contentType the media type the server stated, parameters stripped
     * @param extent whether the whole body was read, or an audio or video file was cut after its first
     *     {@link FileFetchLimits#mediaPrefixBytes()}
     */
    record Fetched(Path file, FileValidators validators, Optional<String> contentType, Extent extent)
            implements FileFetch {
        public Fetched {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(validators, "validators");
            Objects.requireNonNull(extent, "extent");
            contentType = contentType == null ? Optional.empty() : contentType;
        }
    }

    /** How much of a file was read. */
    enum Extent {
        /** The whole body. */
        WHOLE,
        /** The first bytes of an audio or video file, where its tags and headers are. */
        PREFIX
    }

    /** The server said the version known before is still current ({@code 304}); nothing was transferred. */
    record Unchanged(FileValidators validators) implements FileFetch {
        public Unchanged {
            Objects.requireNonNull(validators, "validators");
        }
    }

    /**
     * The file was not fetched.
     *
     * @param reason e.g. {@code TOO_LARGE}, {@code HTTP_STATUS}, {@code CONTENT_TYPE}, {@code TIMEOUT}
     * @param detail for a person; names the URL without its query string
     */
    record Refused(String reason, String detail) implements FileFetch {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
