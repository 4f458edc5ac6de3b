package org.shangdang.routes.config;

import java.net.URI;
import org.shangdang.record.RecordFormat;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How to reach one OAI-PMH repository ({@code shangdang.sources[].oaipmh}). Validated by the
 * {@link SourceProperties} that holds it, so that messages can name the source.
 *
 * @param baseUrl the repository's base URL, absolute http(s), e.g. {@code https://opac.example.cn/oai}; required
 * @param metadataPrefix the metadata format to ask for: {@code marcxml}, {@code marc21} or {@code oai_dc} (the default)
 * @param set the set to restrict the harvest to; blank or absent for the whole repository
 * @param format how to read the payload ({@code marcxml} or {@code oai_dc}); absent: follows from the metadata prefix
 */
public record OaiPmhProperties(
        URI baseUrl,
        @DefaultValue("oai_dc") String metadataPrefix,
        String set,
        RecordFormat format) {
}
