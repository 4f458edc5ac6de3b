package org.shangdang.indexer;

import java.util.List;
import java.util.Objects;

/**
 * The headings of one indexed record, as catalogued: what {@link SearchIndex#scanHeadings} reads, without the
 * cost of rebuilding the whole record.
 *
 * @param id the record's canonical id
 * @param title the title proper; may be blank
 * @param creators the creators' names, in record order
 * @param subjects the subject headings, in record order
 */
public record RecordHeadings(String id, String title, List<String> creators, List<String> subjects) {

    public RecordHeadings {
        Objects.requireNonNull(id, "id");
        title = title == null ? "" : title;
        creators = List.copyOf(creators);
        subjects = List.copyOf(subjects);
    }
}
