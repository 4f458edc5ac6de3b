package org.shangdang.api.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which web portals may call the public API from a browser ({@code shangdang.cors}). The staff paths never
 * answer cross-origin requests.
 *
 * @param allowedOrigins origins such as {@code https://www.czlib.cn}, or patterns such as {@code https://*.czlib.cn};
 *     none by default (browsers then refuse cross-origin reads)
 * @param maxAge how long a browser may cache a preflight answer; default 30m
 */
@ConfigurationProperties("shangdang.cors")
public record CorsProperties(@DefaultValue List<String> allowedOrigins, @DefaultValue("30m") Duration maxAge) {

    public CorsProperties {
        allowedOrigins = allowedOrigins == null ? List.of()
                : allowedOrigins.stream().map(String::strip).filter(o -> !o.isEmpty()).toList();
        for (String origin : allowedOrigins) {
            if (origin.equals("*")) {
                throw new IllegalArgumentException("shangdang.cors.allowed-origins: name the portals' origins"
                        + " (e.g. https://www.czlib.cn) instead of '*'");
            }
        }
    }
}
