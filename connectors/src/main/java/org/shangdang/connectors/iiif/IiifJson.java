package org.shangdang.connectors.iiif;

import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads IIIF JSON under limits, so that a hostile or broken endpoint cannot exhaust memory: documents above
 * {@link #MAX_DOCUMENT_BYTES}, nesting deeper than {@link #MAX_NESTING_DEPTH} or strings longer than
 * {@link #MAX_STRING_LENGTH} are refused with a reason. Thread-safe and stateless.
 */
public final class IiifJson {

    /** The largest manifest read: the 3.5 MB Kyoto multi-volume manifest fits with room to spare. */
    public static final int MAX_DOCUMENT_BYTES = 32 * 1024 * 1024;
    /** IIIF nests a few levels per canvas (canvas, page, annotation, body, service); 64 leaves a wide margin. */
    public static final int MAX_NESTING_DEPTH = 64;
    /** Labels and summaries are short; this bounds one string, e.g. an inlined HTML description. */
    public static final int MAX_STRING_LENGTH = 1024 * 1024;

    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxDocumentLength(MAX_DOCUMENT_BYTES)
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxStringLength(MAX_STRING_LENGTH)
                            .build())
                    .build())
            .build();

    private IiifJson() {
    }

    /** The outcome of reading one document: the tree, or why it could not be read. */
    public sealed interface Parsed {
        /** A document that parsed to a JSON object. */
        record Document(JsonNode json) implements Parsed {
        }

        /** A document that could not be read, with a reason naming what was wrong. */
        record Unreadable(String reason) implements Parsed {
        }
    }

    /** Parses bytes to a JSON object, or says why not (too large, too deep, not JSON, not an object). */
    public static Parsed parse(byte[] bytes) {
        if (bytes.length > MAX_DOCUMENT_BYTES) {
            return new Parsed.Unreadable("document too large: " + bytes.length + " bytes > limit " + MAX_DOCUMENT_BYTES);
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            String where = Optional.ofNullable(e.getLocation())
                    .map(l -> " at line " + l.getLineNr() + ", column " + l.getColumnNr()).orElse("");
            return new Parsed.Unreadable("not valid JSON" + where + ": " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            return new Parsed.Unreadable("not a JSON object: " + (tree == null ? "empty document" : tree.getNodeType()));
        }
        return new Parsed.Document(tree);
    }

    /** The document's id: {@code id} (v3) or {@code @id} (v2); a node that is a bare string is its own id. */
    static Optional<String> id(JsonNode node) {
        if (node.isString()) {
            return nonBlank(node.stringValue());
        }
        return nonBlank(node.path("id").isString() ? node.path("id").stringValue() : node.path("@id").stringValue(""));
    }

    /** The document's type: {@code type} (v3) or {@code @type} (v2), e.g. {@code Manifest}, {@code sc:Collection}. */
    static Optional<String> type(JsonNode node) {
        return nonBlank(node.path("type").isString() ? node.path("type").stringValue() : node.path("@type").stringValue(""));
    }

    static boolean isManifestType(String type) {
        return type.equals("Manifest") || type.equals("sc:Manifest");
    }

    static boolean isCollectionType(String type) {
        return type.equals("Collection") || type.equals("sc:Collection");
    }

    static Optional<String> nonBlank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.strip());
    }
}
