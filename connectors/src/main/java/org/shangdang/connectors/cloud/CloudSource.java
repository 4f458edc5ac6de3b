package org.shangdang.connectors.cloud;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * One cloud API to harvest, as configured.
 *
 * @param sourceId the configured source id, e.g. {@code national-cloud}
 * @param platform which cloud, and so which API dialect
 * @param baseUrl the API root, absolute http(s), e.g. {@code https://api.example.cn/ncpc/api}; the dialect appends
 *     its paths
 * @param credentials the client credentials
 * @param pageSize items per page asked for, 1 to 500; a server may answer with fewer
 */
public record CloudSource(String sourceId, CloudPlatform platform, URI baseUrl, CloudCredentials credentials, int pageSize) {

    /** Items per page unless configured otherwise. */
    public static final int DEFAULT_PAGE_SIZE = 50;

    public CloudSource {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(credentials, "credentials");
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!baseUrl.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("cloud source " + sourceId + ": base URL must be absolute http(s); got: " + baseUrl);
        }
        if (pageSize < 1 || pageSize > 500) {
            throw new IllegalArgumentException("cloud source " + sourceId + ": page size must be 1-500; got: " + pageSize);
        }
        // The dialects append "/path": a trailing slash would double it.
        String url = baseUrl.toString();
        if (url.endsWith("/")) {
            baseUrl = URI.create(url.substring(0, url.length() - 1));
        }
    }

    /** The URL of a path below the base URL, e.g. {@code resolve("/oauth2/token")}. */
    URI resolve(String pathAndQuery) {
        return URI.create(baseUrl + pathAndQuery);
    }
}
