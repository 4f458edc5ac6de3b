package org.shangdang.routes.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Enrichment of every record after its crosswalk ({@code shangdang.enrichment}).
 *
 * @param vocabulary a YAML vocabulary file of counties, reading themes and genres in the format of the built-in
 *     {@code enrichment/vocabulary.yml} (which documents it); absent: the built-in vocabulary
 */
@org.springframework.boot.context.properties.ConfigurationProperties("shangdang.enrichment")
public record EnrichmentProperties(Path vocabulary) {

    /** The configured vocabulary file; empty for the built-in one. */
    public Optional<Path> vocabularyFile() {
        return Optional.ofNullable(vocabulary);
    }
}
