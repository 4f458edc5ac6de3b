package org.shangdang.api.oai;

import java.time.Clock;
import javax.sql.DataSource;
import org.shangdang.connectors.Crosswalks;
import org.shangdang.routes.config.SourcesProperties;
import org.shangdang.routes.store.ChangeFeed;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the OAI-PMH provider over the record store. */
@Configuration(proxyBeanMethods = false)
public class OaiConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public ChangeFeed changeFeed(DataSource dataSource) {
        return new ChangeFeed(dataSource);
    }

    @Bean
    public OaiProvider oaiProvider(ChangeFeed feed, Crosswalks crosswalks, SourcesProperties sources,
            OaiProperties properties) {
        return new OaiProvider(feed, crosswalks, sources, properties, Clock.systemUTC());
    }
}
