package org.shangdang.connectors.extract;

import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/** The JSON form of {@link ExtractedDocument} and of the parent–child protocol. Thread-safe. */
public final class ExtractedDocuments {

    /** Text is bounded by {@link ExtractionLimits#maxTextCharacters()}; strings may be long, nesting is shallow. */
    static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxStringLength(64 * 1024 * 1024)
                            .maxNestingDepth(16)
                            .build())
                    .build())
            .build();

    private ExtractedDocuments() {
    }

    /** The document as one line of UTF-8 JSON. */
    public static byte[] toJson(ExtractedDocument document) {
        return JSON.writeValueAsBytes(document);
    }

    /** The document, or empty with nothing thrown when the bytes are not one. */
    public static Optional<ExtractedDocument> fromJson(byte[] json) {
        try {
            return Optional.ofNullable(JSON.readValue(json, ExtractedDocument.class));
        } catch (JacksonException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
