package org.shangdang.connectors.iiif;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * A IIIF source as configured: collection endpoints to walk and single manifests to fetch.
 *
 * @param sourceId the configured source id, e.g. {@code changzhi-rare-books}
 * @param collections collection URLs; nested collections are followed down to {@code maxDepth}
 * @param manifests manifest URLs fetched as they are
 * @param maxDepth how many levels of nested collections below a configured collection are followed
 *     (0: only the configured collection's own manifests)
 */
public record IiifSource(String sourceId, List<URI> collections, List<URI> manifests, int maxDepth) {

    /** The nesting followed unless configured otherwise: collection → sub-collection → … three levels down. */
    public static final int DEFAULT_MAX_DEPTH = 3;

    public IiifSource {
        Objects.requireNonNull(sourceId, "sourceId");
        collections = List.copyOf(collections);
        manifests = List.copyOf(manifests);
        if (collections.isEmpty() && manifests.isEmpty()) {
            throw new IllegalArgumentException("IIIF source " + sourceId + " has neither collections nor manifests");
        }
        if (maxDepth < 0 || maxDepth > 20) {
            throw new IllegalArgumentException("IIIF source " + sourceId + ": maxDepth must be 0-20; got: " + maxDepth);
        }
    }

    /** A source of collections, followed {@link #DEFAULT_MAX_DEPTH} levels down. */
    public static IiifSource ofCollections(String sourceId, URI... collections) {
        return new IiifSource(sourceId, List.of(collections), List.of(), DEFAULT_MAX_DEPTH);
    }

    /** A source of single manifests. */
    public static IiifSource ofManifests(String sourceId, URI... manifests) {
        return new IiifSource(sourceId, List.of(), List.of(manifests), DEFAULT_MAX_DEPTH);
    }
}
