package org.shangdang.record;

import java.util.Objects;
import java.util.Optional;

/**
 * What a crosswalk needs to know about the source a record came from: who holds it and where.
 *
 * @param sourceId the configured id, e.g. {@code changzhi-city}
 * @param name the source's display name, e.g. {@code 长治市图书馆 OAI-PMH}
 * @param library the institution, e.g. {@code 长治市图书馆}
 * @param county the county or district it serves, e.g. {@code 长子县}; empty for the city level
 */
public record SourceInfo(String sourceId, String name, String library, Optional<String> county) {

    public SourceInfo {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(library, "library");
        county = county == null ? Optional.empty() : county;
    }
}
