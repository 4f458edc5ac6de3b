package org.shangdang.connectors.files;

import java.util.Objects;
import java.util.Optional;
import org.shangdang.record.MediaMetadata;

/** What became of one referenced file: read, unchanged since the last read, or failed with a reason. */
public sealed interface FileOutcome {

    /** The URL the record references. */
    String url();

    /**
     * Read and extracted.
     *
     * @param text the text layer or OCR text of a document; empty for audio and video
     * @param media title, artist and duration of an audio or video file
     * @param bytes the file's size where known (the whole body read, or the stated Content-Length)
     */
    record Read(String url, FileValidators validators, Optional<String> text, Optional<MediaMetadata> media,
            Optional<Long> bytes) implements FileOutcome {
        public Read {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(validators, "validators");
            text = text == null ? Optional.empty() : text.filter(t -> !t.isBlank());
            media = media == null ? Optional.empty() : media.filter(m -> !m.nothingRead());
            bytes = bytes == null ? Optional.empty() : bytes;
        }
    }

    /** Its server says the version read before is current: what was read then still holds. */
    record Unchanged(String url) implements FileOutcome {
        public Unchanged {
            Objects.requireNonNull(url, "url");
        }
    }

    /**
     * Not read: the fetch was refused ({@code TOO_LARGE}, {@code HTTP_STATUS}, {@code CONTENT_TYPE}, {@code TIMEOUT}…)
     * or Tika rejected the file ({@code ZIP_BOMB}, {@code ENCRYPTED}, {@code CORRUPT}…).
     *
     * @param validators what identifies the failed version, so an unchanged hostile file is not fetched again
     */
    record Failed(String url, String reason, String detail, Optional<FileValidators> validators) implements FileOutcome {
        public Failed {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
            validators = validators == null ? Optional.empty() : validators;
        }
    }
}
