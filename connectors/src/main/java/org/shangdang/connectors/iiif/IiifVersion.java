package org.shangdang.connectors.iiif;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** The IIIF Presentation API version a JSON document follows, read from its {@code @context} or its type. */
public enum IiifVersion {
    /** Presentation 2.x: {@code @id}, {@code @type} {@code sc:Manifest}, {@code sequences/canvases}. */
    V2,
    /** Presentation 3.0: {@code id}, {@code type} {@code Manifest}, language maps, {@code items}. */
    V3;

    /**
     * The version of a document: a {@code @context} naming {@code presentation/2} or {@code presentation/3}
     * (a string or, as the Kyoto manifests have it, an array) decides; without one, a {@code @type} or an
     * {@code sc:} prefixed type means 2 and a plain {@code type} means 3.
     *
     * @return empty when the document has neither a IIIF context nor a type
     */
    public static Optional<IiifVersion> of(JsonNode document) {
        JsonNode context = document.path("@context");
        for (JsonNode c : context.isArray() ? context.values() : java.util.List.of(context)) {
            String text = c.isString() ? c.stringValue() : "";
            if (text.contains("iiif.io/api/presentation/3")) {
                return Optional.of(V3);
            }
            if (text.contains("iiif.io/api/presentation/2")) {
                return Optional.of(V2);
            }
        }
        if (document.path("@type").isString()) {
            return Optional.of(V2);
        }
        if (document.path("type").isString()) {
            return Optional.of(document.path("type").stringValue().startsWith("sc:") ? V2 : V3);
        }
        return Optional.empty();
    }
}
