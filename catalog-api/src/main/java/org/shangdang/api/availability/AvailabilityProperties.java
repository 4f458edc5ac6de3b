package org.shangdang.api.availability;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where each library's ILS answers live item status ({@code shangdang.availability}).
 *
 * @param endpoints one per library that offers it; a library without one is always "unknown"
 * @param timeout how long a lookup waits for a library before answering "unknown" for its copies
 * @param cacheTtl how long an answer is reused
 */
@ConfigurationProperties("shangdang.availability")
public record AvailabilityProperties(
        @DefaultValue List<Endpoint> endpoints,
        @DefaultValue("1500ms") Duration timeout,
        @DefaultValue("60s") Duration cacheTtl) {

    /**
     * @param libraryId the library's id in the endpoint's URL space, e.g. {@code changzhi-city}
     * @param library the library's name as holdings give it, e.g. {@code 长治市图书馆}
     * @param url the endpoint, e.g. {@code https://ils.example.cn/changzhi-city/availability}
     */
    public record Endpoint(String libraryId, String library, URI url) {}
}
