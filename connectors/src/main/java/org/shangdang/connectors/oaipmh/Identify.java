package org.shangdang.connectors.oaipmh;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a repository says about itself in answer to the Identify verb.
 *
 * @param repositoryName the repository's human-readable name
 * @param baseUrl the base URL it declares (may differ from the configured one behind a proxy)
 * @param protocolVersion normally {@code 2.0}
 * @param earliestDatestamp the oldest datestamp it holds; empty when it sent none or an unreadable one
 * @param granularity the granularity to send {@code from}/{@code until} at
 * @param deletedRecord {@code no}, {@code transient} or {@code persistent}, as the repository stated it
 */
public record Identify(
        String repositoryName,
        URI baseUrl,
        String protocolVersion,
        Optional<Instant> earliestDatestamp,
        Granularity granularity,
        String deletedRecord) {

    public Identify {
        Objects.requireNonNull(repositoryName, "repositoryName");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(protocolVersion, "protocolVersion");
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(deletedRecord, "deletedRecord");
        earliestDatestamp = earliestDatestamp == null ? Optional.empty() : earliestDatestamp;
    }
}
