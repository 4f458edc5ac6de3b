package org.shangdang.routes.config;

import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The IIIF Presentation documents of one source ({@code shangdang.sources[].iiif}). Validated by the
 * {@link SourceProperties} that holds it, so that messages can name the source.
 *
 * @param collections collection URLs (v2 or v3), absolute http(s); nested collections are followed; a collection that
 *     cannot be had fails the job
 * @param manifests single manifest URLs, absolute http(s); one that cannot be had is a reject; at least one collection
 *     or manifest is required
 * @param maxDepth how many levels of nested collections are followed below a configured one, 0 to 20; defaults to 3
 * @param maxDeletedShare the largest share of the source's stored manifests, 0 to 1, that one harvest may delete
 *     because the collections no longer list them; above it the job fails and deletes none; defaults to 0.5
 */
public record IiifProperties(
        List<URI> collections,
        List<URI> manifests,
        @DefaultValue("3") int maxDepth,
        @DefaultValue("0.5") double maxDeletedShare) {

    public IiifProperties {
        collections = collections == null ? List.of() : List.copyOf(collections);
        manifests = manifests == null ? List.of() : List.copyOf(manifests);
    }
}
