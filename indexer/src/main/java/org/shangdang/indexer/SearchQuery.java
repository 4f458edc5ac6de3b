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
 * @param collapse {@link Collapse#NONE} lists every matching record; {@link Collapse#WORK} lists one hit per
 *     work (its best-scoring matching record), and then {@code page} and {@code size} count works
 * @param detail {@link Detail#FULL} (the default) answers with highlights and facet counts; {@link Detail#HITS} with
 *     neither, for callers that show only the hits (a terminal), which saves counting facets over every match
 */
public record SearchQuery(String text, Map<Facet, List<String>> filters, int page, int size, Collapse collapse,
        Detail detail) {

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
        collapse = collapse == null ? Collapse.NONE : collapse;
        detail = detail == null ? Detail.FULL : detail;
    }

    /** A query answered in {@link Detail#FULL}. */
    public SearchQuery(String text, Map<Facet, List<String>> filters, int page, int size, Collapse collapse) {
        this(text, filters, page, size, collapse, Detail.FULL);
    }

    /** A query that lists every matching record ({@link Collapse#NONE}). */
    public SearchQuery(String text, Map<Facet, List<String>> filters, int page, int size) {
        this(text, filters, page, size, Collapse.NONE);
    }

    public static SearchQuery of(String text) {
        return new SearchQuery(text, Map.of(), 1, 10);
    }

    /** This query with another collapse mode. */
    public SearchQuery withCollapse(Collapse newCollapse) {
        return new SearchQuery(text, filters, page, size, newCollapse, detail);
    }

    /** This query answered in another detail. */
    public SearchQuery withDetail(Detail newDetail) {
        return new SearchQuery(text, filters, page, size, collapse, newDetail);
    }

    /** What a result carries besides its hits and counts. */
    public enum Detail {
        /** Each hit's highlights, and every facet's counts. */
        FULL,
        /**
         * Neither: every hit's {@code highlights} is empty and every facet's list of counts is empty. Totals, hits,
         * their order and, when collapsed, work sizes and the number of works are those of {@link #FULL}.
         */
        HITS
    }

    /** Whether a page lists records or works. */
    public enum Collapse {
        /** Every matching record is a hit. */
        NONE,
        /**
         * Records of one union-catalog work ({@link org.shangdang.record.CanonicalRecord#workIdOrSelf()})
         * make one hit: the work's best-scoring matching record, ties broken by the lower id.
         */
        WORK;

        /** The query parameter value: {@code none} or {@code work}. */
        public String param() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /**
         * @throws InvalidQueryException naming the value when it is neither {@code none} nor {@code work}
         */
        public static Collapse fromParam(String value) {
            String v = value == null ? "" : value.strip().toLowerCase(java.util.Locale.ROOT);
            for (Collapse c : values()) {
                if (c.param().equals(v)) {
                    return c;
                }
            }
            throw new InvalidQueryException("collapse must be 'none' or 'work'; got: '" + value + "'");
        }
    }
}
