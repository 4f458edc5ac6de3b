package org.shangdang.routes.config;

import java.net.URI;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How to search one SRU server ({@code shangdang.sources[].sru}). Validated by the {@link SourceProperties}
 * that holds it, so that messages can name the source.
 *
 * @param baseUrl the server's base URL, absolute http(s), e.g. {@code http://opac.example.cn/sru}; required
 * @param version the protocol version to speak: {@code 1.2} (the default) or {@code 2.0}
 * @param recordSchema the {@code recordSchema} to ask for, e.g. {@code marcxml} (the default), {@code cnmarcxml} or {@code dc}
 * @param query the CQL query whose result set is harvested; defaults to {@code cql.allRecords=1}
 * @param maximumRecords records per page asked for, 1 to 1000; defaults to 50
 */
public record SruProperties(
        URI baseUrl,
        @DefaultValue("1.2") String version,
        @DefaultValue("marcxml") String recordSchema,
        @DefaultValue("cql.allRecords=1") String query,
        @DefaultValue("50") int maximumRecords) {
}
