package org.shangdang.api.oai;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The OAI-PMH provider ({@code shangdang.oai}).
 *
 * @param repositoryName Identify's repositoryName
 * @param repositoryIdentifier the domain-like name in every item identifier, {@code oai:<this>:<sourceId>:<recordId>}
 * @param adminEmail Identify's adminEmail
 * @param baseUrl the public base URL when behind a proxy; blank: the URL the request came to
 * @param pageSize records or headers per list response, 1..500
 * @param tokenLifetime how long a resumption token stays valid after the response that issued it
 * @param themes the themes ListSets lists as {@code theme:} sets (a record's header names its themes anyway)
 */
@ConfigurationProperties("shangdang.oai")
public record OaiProperties(
        @DefaultValue("上党 Shangdang 长治公共文化资源") String repositoryName,
        @DefaultValue("shangdang.changzhi") String repositoryIdentifier,
        @DefaultValue("shangdang@changzhi.example.org") String adminEmail,
        @DefaultValue("") String baseUrl,
        @DefaultValue("200") int pageSize,
        @DefaultValue("1h") Duration tokenLifetime,
        @DefaultValue List<String> themes) {

    /** The oai-identifier scheme's repositoryIdentifier syntax. */
    private static final Pattern REPOSITORY_ID = Pattern.compile("[a-zA-Z][a-zA-Z0-9\\-]*(\\.[a-zA-Z][a-zA-Z0-9\\-]*)+");
    private static final int MAX_PAGE_SIZE = 500;

    public OaiProperties {
        if (repositoryIdentifier == null || !REPOSITORY_ID.matcher(repositoryIdentifier).matches()) {
            throw new IllegalArgumentException("shangdang.oai.repository-identifier must be a domain name such as"
                    + " shangdang.changzhi (oai-identifier syntax); got: " + repositoryIdentifier);
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("shangdang.oai.page-size must be between 1 and " + MAX_PAGE_SIZE
                    + "; got: " + pageSize);
        }
        if (tokenLifetime == null || tokenLifetime.isNegative() || tokenLifetime.isZero()) {
            throw new IllegalArgumentException("shangdang.oai.token-lifetime must be positive; got: " + tokenLifetime);
        }
        themes = themes == null ? List.of() : List.copyOf(themes);
        baseUrl = baseUrl == null ? "" : baseUrl.strip();
    }

    /** The configured public base URL, if any. */
    public Optional<String> publicBaseUrl() {
        return baseUrl.isEmpty() ? Optional.empty() : Optional.of(baseUrl);
    }
}
