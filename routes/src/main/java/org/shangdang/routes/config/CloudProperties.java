package org.shangdang.routes.config;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;
import org.shangdang.connectors.cloud.CloudPlatform;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A public culture cloud's open API ({@code shangdang.sources[].cloud}). Validated by the {@link SourceProperties}
 * that holds it, so that messages can name the source. The client id and secret are never configured here: they
 * are read from the environment variables this names, when a harvest starts.
 *
 * @param platform which cloud: {@code national} (国家公共文化云) or {@code shanxi} (山西公共文化云); required
 * @param baseUrl the API root, absolute http(s), e.g. {@code https://api.example.cn/ncpc/api}; required
 * @param clientIdEnv the environment variable holding the client id (app key); defaults to
 *     {@code SHANGDANG_<SOURCE_ID>_CLIENT_ID}, the source id upper-cased with '-' as '_'
 * @param clientSecretEnv the environment variable holding the client secret; defaults to
 *     {@code SHANGDANG_<SOURCE_ID>_CLIENT_SECRET}
 * @param pageSize items per page asked for, 1 to 500; defaults to 50
 */
public record CloudProperties(
        CloudPlatform platform,
        URI baseUrl,
        String clientIdEnv,
        String clientSecretEnv,
        @DefaultValue("50") int pageSize) {

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** The settings with defaults filled in, or an exception naming the source and the property. */
    static CloudProperties validated(String id, CloudProperties cloud) {
        String where = "source '" + id + "': shangdang.sources[].cloud.";
        if (cloud == null || cloud.platform() == null) {
            throw new IllegalArgumentException(where + "platform is required for protocol cloud (national or shanxi)");
        }
        URI baseUrl = cloud.baseUrl();
        if (baseUrl == null) {
            throw new IllegalArgumentException(where + "base-url is required for protocol cloud");
        }
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!baseUrl.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException(where + "base-url must be an absolute http(s) URL; got: " + baseUrl);
        }
        String prefix = "SHANGDANG_" + id.toUpperCase(Locale.ROOT).replace('-', '_');
        String idEnv = envName(where + "client-id-env", cloud.clientIdEnv(), prefix + "_CLIENT_ID");
        String secretEnv = envName(where + "client-secret-env", cloud.clientSecretEnv(), prefix + "_CLIENT_SECRET");
        if (cloud.pageSize() < 1 || cloud.pageSize() > 500) {
            throw new IllegalArgumentException(where + "page-size must be between 1 and 500; got: " + cloud.pageSize());
        }
        return new CloudProperties(cloud.platform(), baseUrl, idEnv, secretEnv, cloud.pageSize());
    }

    private static String envName(String property, String configured, String fallback) {
        if (configured == null || configured.isBlank()) {
            return fallback;
        }
        String name = configured.strip();
        if (!ENV_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(property + " must name an environment variable (letters, digits, '_');"
                    + " got: " + name);
        }
        return name;
    }
}
