package org.shangdang.api.admin;

import org.shangdang.connectors.Crosswalks;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.routes.config.SourcesProperties;
import org.shangdang.routes.store.RecordStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the staff operations that are not plain calls to the harvest jobs. */
@Configuration(proxyBeanMethods = false)
public class AdminConfiguration {

    @Bean
    public RejectRetry rejectRetry(RecordStore store, Crosswalks crosswalks, SearchIndex index,
            SourcesProperties sources) {
        return new RejectRetry(store, crosswalks, index, sources);
    }
}
