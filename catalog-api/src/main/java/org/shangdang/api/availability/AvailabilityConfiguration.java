package org.shangdang.api.availability;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.shangdang.connectors.availability.AvailabilityClient;
import org.shangdang.connectors.availability.AvailabilityEndpoint;
import org.shangdang.connectors.availability.AvailabilitySettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The live availability client, built from {@link AvailabilityProperties}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AvailabilityProperties.class)
class AvailabilityConfiguration {

    @Bean
    AvailabilityClient availabilityClient(AvailabilityProperties properties) {
        AvailabilitySettings standard = AvailabilitySettings.standard();
        AvailabilitySettings settings = new AvailabilitySettings(properties.timeout(), properties.cacheTtl(),
                standard.downFor(), standard.maxCacheEntries(), standard.maxBarcodesPerRequest());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        return new AvailabilityClient(properties.endpoints().stream()
                .map(e -> new AvailabilityEndpoint(e.libraryId(), e.library(), e.url())).toList(), http, settings,
                Clock.systemUTC());
    }
}
