package org.shangdang.api.index;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.shangdang.indexer.elasticsearch.ElasticsearchSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which search engine serves the index, and where ({@code shangdang.index}).
 *
 * @param engine {@code lucene} (default: embedded, no set-up) or {@code elasticsearch} (a cluster)
 * @param dir the Lucene index directory; created when missing (default {@code ./data/index})
 * @param elasticsearch the cluster, when the engine is {@code elasticsearch}
 */
@ConfigurationProperties("shangdang.index")
public record IndexProperties(
        @DefaultValue("lucene") Engine engine,
        @DefaultValue("./data/index") Path dir,
        @DefaultValue Elasticsearch elasticsearch) {

    public enum Engine {
        LUCENE,
        ELASTICSEARCH
    }

    /**
     * @param url the cluster's HTTP address (default {@code http://127.0.0.1:9200})
     * @param alias the alias searches and writes go through (default {@code shangdang-records})
     * @param timeout connect and request timeout (default 30s)
     * @param bulkSize records per bulk request (default 500)
     * @param maxInFlight bulk requests in flight at once; writers wait beyond it (default 2)
     */
    public record Elasticsearch(
            @DefaultValue("http://127.0.0.1:9200") URI url,
            @DefaultValue(ElasticsearchSettings.DEFAULT_ALIAS) String alias,
            @DefaultValue("30s") Duration timeout,
            @DefaultValue("500") int bulkSize,
            @DefaultValue("2") int maxInFlight) {

        ElasticsearchSettings settings() {
            return new ElasticsearchSettings(url, alias, timeout, bulkSize, maxInFlight);
        }
    }
}
