package org.shangdang.connectors.extract;

import java.util.Objects;
import java.util.Optional;

/** The one-line JSON messages between {@link ExtractionService} and {@link ExtractorMain}. */
final class ChildProtocol {

    /** The line a child writes once its parsers are loaded. */
    static final String READY = "READY";

    private ChildProtocol() {
    }

    /** Extract one file. */
    record Request(String path, String url, Script script, int maxTextCharacters, OcrSettings ocr) {
        Request {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(script, "script");
            Objects.requireNonNull(ocr, "ocr");
        }
    }

    /** The outcome: a document, or a reason and detail. */
    record Response(Optional<ExtractedDocument> document, Optional<RejectReason> reason, Optional<String> detail) {
        Response {
            document = document == null ? Optional.empty() : document;
            reason = reason == null ? Optional.empty() : reason;
            detail = detail == null ? Optional.empty() : detail;
        }

        static Response extracted(ExtractedDocument document) {
            return new Response(Optional.of(document), Optional.empty(), Optional.empty());
        }

        static Response rejected(RejectReason reason, String detail) {
            return new Response(Optional.empty(), Optional.of(reason), Optional.of(detail));
        }
    }
}
