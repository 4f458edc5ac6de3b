package org.shangdang.api.index;

import org.shangdang.indexer.IndexUnavailableException;
import org.shangdang.indexer.SearchIndex;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/** Health of the search index: UP with the number of searchable records, DOWN with the reason it cannot be read. */
@Component
public class SearchIndexHealthIndicator extends AbstractHealthIndicator {

    private final SearchIndex index;
    private final IndexProperties properties;

    public SearchIndexHealthIndicator(SearchIndex index, IndexProperties properties) {
        super("search index health check failed");
        this.index = index;
        this.properties = properties;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("engine", properties.engine().name().toLowerCase(java.util.Locale.ROOT));
        try {
            builder.up().withDetail("records", index.count());
        } catch (IndexUnavailableException e) {
            builder.down().withDetail("reason", e.getMessage());
        }
    }
}
