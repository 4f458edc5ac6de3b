package org.shangdang.connectors.cloud;

import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the clouds' JSON under limits (a page or an item above {@link #MAX_DOCUMENT_BYTES}, nested deeper than
 * {@link #MAX_NESTING_DEPTH}, is refused with a reason), and the field helpers both dialects use. Stateless and
 * thread-safe.
 */
final class CloudJson {

    /** A page of 500 items with long summaries stays far below this. */
    static final int MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;
    static final int MAX_NESTING_DEPTH = 32;

    static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxDocumentLength(MAX_DOCUMENT_BYTES)
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .build())
                    .build())
            .build();

    private CloudJson() {
    }

    /** A JSON document or item could not be used; the reason names the bad value. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String reason) {
            super(reason);
        }
    }

    /** Parses bytes to a JSON object. */
    static JsonNode object(byte[] bytes) throws Invalid {
        if (bytes.length > MAX_DOCUMENT_BYTES) {
            throw new Invalid("document too large: " + bytes.length + " bytes > limit " + MAX_DOCUMENT_BYTES);
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            String where = Optional.ofNullable(e.getLocation())
                    .map(l -> " at line " + l.getLineNr() + ", column " + l.getColumnNr()).orElse("");
            throw new Invalid("not valid JSON" + where + ": " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new Invalid("not a JSON object: " + (tree == null ? "empty document" : tree.getNodeType()));
        }
        return tree;
    }

    /** The item's JSON as bytes: the payload of its raw record. */
    static byte[] bytes(JsonNode node) {
        return MAPPER.writeValueAsBytes(node);
    }

    /** A string (or number, as text) field, stripped; empty when absent, null or blank. */
    static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isString()) {
            String s = value.stringValue().strip();
            return s.isEmpty() ? Optional.empty() : Optional.of(s);
        }
        if (value.isNumber()) {
            return Optional.of(value.asString());
        }
        return Optional.empty();
    }

    /** A whole-number field, given as a JSON number or a numeric string. */
    static Optional<Long> number(JsonNode node, String field) throws Invalid {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull() || (value.isString() && value.stringValue().isBlank())) {
            return Optional.empty();
        }
        if (value.isIntegralNumber()) {
            return Optional.of(value.longValue());
        }
        if (value.isString()) {
            try {
                return Optional.of(Long.parseLong(value.stringValue().strip()));
            } catch (NumberFormatException e) {
                // fall through to the message naming the value
            }
        }
        throw new Invalid(field + " is not a whole number: " + value);
    }
}
