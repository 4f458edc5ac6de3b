package org.shangdang.indexer;

/**
 * The index cannot be reached or cannot answer right now (an Elasticsearch cluster down, unreachable,
 * overloaded or without the index): a setup failure, not a fault of the record or the query. Callers
 * retry later; the API answers 503 and health reports DOWN with this message.
 */
public class IndexUnavailableException extends RuntimeException {

    public IndexUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public IndexUnavailableException(String message) {
        super(message);
    }
}
