package org.shangdang.indexer.elasticsearch;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where and how the Elasticsearch engine writes.
 *
 * @param url the cluster's HTTP address, e.g. {@code http://127.0.0.1:9200}
 * @param indexAlias the alias searches and writes go through; the index behind it is named
 *     {@code <alias>-<creation time>} so that a re-index can build a new one and switch the alias
 * @param timeout connect and response timeout of every request; a cluster that does not answer in time
 *     is reported unavailable
 * @param bulkSize records per bulk request
 * @param maxInFlight bulk requests in flight at once; writers block when this many are outstanding
 */
public record ElasticsearchSettings(URI url, String indexAlias, Duration timeout, int bulkSize, int maxInFlight) {

    /** Lower case, no leading punctuation, none of Elasticsearch's forbidden characters. */
    private static final Pattern INDEX_NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,200}");

    public static final String DEFAULT_ALIAS = "shangdang-records";

    public ElasticsearchSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(indexAlias, "indexAlias");
        Objects.requireNonNull(timeout, "timeout");
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("Elasticsearch url must be http(s)://host[:port]; got: " + url);
        }
        if (!INDEX_NAME.matcher(indexAlias).matches()) {
            throw new IllegalArgumentException(
                    "Elasticsearch index alias must be lower case letters, digits, '_', '.' or '-'; got: " + indexAlias);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("Elasticsearch timeout must be positive; got: " + timeout);
        }
        if (bulkSize < 1 || bulkSize > 10_000) {
            throw new IllegalArgumentException("Elasticsearch bulkSize must be between 1 and 10000; got: " + bulkSize);
        }
        if (maxInFlight < 1 || maxInFlight > 64) {
            throw new IllegalArgumentException("Elasticsearch maxInFlight must be between 1 and 64; got: " + maxInFlight);
        }
    }

    /** The defaults for this cluster: alias {@value #DEFAULT_ALIAS}, 30 s timeout, 500 records per bulk, 2 in flight. */
    public static ElasticsearchSettings of(URI url) {
        return new ElasticsearchSettings(url, DEFAULT_ALIAS, Duration.ofSeconds(30), 500, 2);
    }

    public ElasticsearchSettings withIndexAlias(String alias) {
        return new ElasticsearchSettings(url, alias, timeout, bulkSize, maxInFlight);
    }

    public ElasticsearchSettings withTimeout(Duration newTimeout) {
        return new ElasticsearchSettings(url, indexAlias, newTimeout, bulkSize, maxInFlight);
    }

    public ElasticsearchSettings withBulk(int newBulkSize, int newMaxInFlight) {
        return new ElasticsearchSettings(url, indexAlias, timeout, newBulkSize, newMaxInFlight);
    }
}
