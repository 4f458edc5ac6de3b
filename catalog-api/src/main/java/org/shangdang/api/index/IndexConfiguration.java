package org.shangdang.api.index;

import org.shangdang.indexer.SearchIndex;
import org.shangdang.indexer.elasticsearch.ElasticsearchSearchIndex;
import org.shangdang.indexer.lucene.LuceneSearchIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the search engine chosen by {@code shangdang.index.engine}: embedded Lucene by default, or an
 * Elasticsearch cluster. Everything else sees only the {@link SearchIndex} contract.
 */
@Configuration(proxyBeanMethods = false)
public class IndexConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IndexConfiguration.class);

    @Bean(destroyMethod = "close")
    SearchIndex searchIndex(IndexProperties properties) {
        return switch (properties.engine()) {
            case LUCENE -> {
                log.info("search engine: embedded Lucene at {}", properties.dir().toAbsolutePath());
                yield LuceneSearchIndex.open(properties.dir());
            }
            case ELASTICSEARCH -> {
                log.info("search engine: Elasticsearch at {} (alias {})",
                        properties.elasticsearch().url(), properties.elasticsearch().alias());
                yield ElasticsearchSearchIndex.open(properties.elasticsearch().settings());
            }
        };
    }
}
