package org.shangdang.indexer;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a reader asked for.
 *
 * @param text the query as typed; blank means every record. Words separated by spaces must all match;
 *     {@code "double quotes"} ask for a phrase. Traditional, simplified and full-width forms are equivalent.
 * @param filters facet values to keep: a record matches when it has one of the values of every facet given
 * @param page 1-based
 * @param size hits per page, 1..{@link #MAX_SIZE}
 */
public record SearchQuery(String text, Map<Facet, List<String>> filters, int page, int size) {

    public static final int MAX_SIZE = 100;
    public static final int MAX_PAGE = 1000;
    public static final int MAX_TEXT_LENGTH = 500;

    public SearchQuery {
        text = text == null ? "" : text;
        filters = filters == null ? Map.of() : Map.copyOf(filters);
        if (page < 1 || page > MAX_PAGE) {
            throw new InvalidQueryException("page must be between 1 and " + MAX_PAGE + "; got: " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidQueryException("size must be between 1 and " + MAX_SIZE + "; got: " + size);
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new InvalidQueryException("q must be at most " + MAX_TEXT_LENGTH + " characters; got: " + text.length());
        }
        Objects.requireNonNull(filters);
    }

    public static SearchQuery of(String text) {
        return new SearchQuery(text, Map.of(), 1, 10);
    }
}
