package org.shangdang.api.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.shangdang.routes.HarvestJobs;
import org.shangdang.routes.breaker.SourceCircuits;
import org.shangdang.routes.store.RecordStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the harvest metrics; the HTTP ones (search latency histogram) are Boot's {@code http.server.requests}. */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

    @Bean
    public HarvestMetrics harvestMetrics(MeterRegistry meters, RecordStore store, HarvestJobs jobs,
            SourceCircuits circuits) {
        return new HarvestMetrics(meters, store, jobs, java.util.Optional.of(circuits));
    }
}
