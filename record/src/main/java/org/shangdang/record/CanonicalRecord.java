package org.shangdang.record;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One resource as Shangdang knows it, whatever format it came in: what crosswalks produce, what the
 * index stores and what {@code /api/records/{id}} returns.
 *
 * <p>Lists are never null (empty when the source has none) and are unmodifiable; absent single values
 * are {@link Optional#empty()}. Text is kept as catalogued (traditional stays traditional); folding for
 * search happens in the index's analysis.
 *
 * @param id stable across harvests and unique across sources: {@code sourceId:recordId}
 * @param sourceId the configured source
 * @param recordId the source's own identifier
 * @param format the raw format it was made from
 * @param kind what it describes
 * @param title the title proper (CNMARC 200$a, MARC21 245$a, dc:title), with part number/name where present
 * @param parallelTitles titles in other languages or scripts (CNMARC 200$d/510, MARC21 246 31)
 * @param otherTitles other title information and variant titles (CNMARC 200$e/517, MARC21 245$b/246)
 * @param creators authors, editors, translators… with their roles, main entry first
 * @param publisher the publisher's name
 * @param place the place of publication
 * @param year the year of publication, when a four-digit year can be read
 * @param isbns ISBNs as catalogued, qualifiers stripped (cancelled/invalid ones excluded)
 * @param languages ISO 639-2/B codes, e.g. {@code chi}
 * @param subjects subject headings and keywords
 * @param classifications class numbers (中图法 first where present)
 * @param description the summary or abstract
 * @param notes general notes
 * @param holdings copies held, as the record states them
 * @param library the institution whose catalogue it came from
 * @param county the county or district of that institution; empty for the city level
 * @param datestamp when the source last changed it
 */
public record CanonicalRecord(
        String id,
        String sourceId,
        String recordId,
        RecordFormat format,
        ResourceKind kind,
        String title,
        List<String> parallelTitles,
        List<String> otherTitles,
        List<Creator> creators,
        Optional<String> publisher,
        Optional<String> place,
        Optional<Integer> year,
        List<String> isbns,
        List<String> languages,
        List<String> subjects,
        List<Classification> classifications,
        Optional<String> description,
        List<String> notes,
        List<Holding> holdings,
        String library,
        Optional<String> county,
        Instant datestamp) {

    public CanonicalRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(datestamp, "datestamp");
        if (title.isBlank()) {
            throw new IllegalArgumentException("title must not be blank; record " + id);
        }
        parallelTitles = copy(parallelTitles);
        otherTitles = copy(otherTitles);
        creators = copy(creators);
        publisher = orEmpty(publisher);
        place = orEmpty(place);
        year = year == null ? Optional.empty() : year;
        isbns = copy(isbns);
        languages = copy(languages);
        subjects = copy(subjects);
        classifications = copy(classifications);
        description = orEmpty(description);
        notes = copy(notes);
        holdings = copy(holdings);
        county = orEmpty(county);
    }

    /** The canonical id of a source's record. */
    public static String idOf(String sourceId, String recordId) {
        return sourceId + ":" + recordId;
    }

    /** A builder, since crosswalks fill fields one MARC field at a time. */
    public static Builder builder(String sourceId, String recordId) {
        return new Builder(sourceId, recordId);
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    private static Optional<String> orEmpty(Optional<String> value) {
        return value == null ? Optional.empty() : value.filter(v -> !v.isBlank());
    }

    /** Collects fields for a {@link CanonicalRecord}; not thread-safe; {@link #build()} validates. */
    public static final class Builder {
        private final String sourceId;
        private final String recordId;
        private RecordFormat format;
        private ResourceKind kind = ResourceKind.BOOK;
        private String title;
        private final List<String> parallelTitles = new java.util.ArrayList<>();
        private final List<String> otherTitles = new java.util.ArrayList<>();
        private final List<Creator> creators = new java.util.ArrayList<>();
        private String publisher;
        private String place;
        private Integer year;
        private final List<String> isbns = new java.util.ArrayList<>();
        private final List<String> languages = new java.util.ArrayList<>();
        private final List<String> subjects = new java.util.ArrayList<>();
        private final List<Classification> classifications = new java.util.ArrayList<>();
        private String description;
        private final List<String> notes = new java.util.ArrayList<>();
        private final List<Holding> holdings = new java.util.ArrayList<>();
        private String library;
        private String county;
        private Instant datestamp;

        private Builder(String sourceId, String recordId) {
            this.sourceId = Objects.requireNonNull(sourceId, "sourceId");
            this.recordId = Objects.requireNonNull(recordId, "recordId");
        }

        public Builder format(RecordFormat format) { this.format = format; return this; }
        public Builder kind(ResourceKind kind) { this.kind = kind; return this; }
        public Builder title(String title) { this.title = title; return this; }
        public Builder parallelTitle(String t) { addIfPresent(parallelTitles, t); return this; }
        public Builder otherTitle(String t) { addIfPresent(otherTitles, t); return this; }
        public Builder creator(Creator c) { if (c != null && !c.name().isBlank() && !creators.contains(c)) creators.add(c); return this; }
        public Builder publisher(String p) { if (publisher == null) publisher = p; return this; }
        public Builder place(String p) { if (place == null) place = p; return this; }
        public Builder year(Integer y) { if (year == null) year = y; return this; }
        public Builder isbn(String isbn) { addIfPresent(isbns, isbn); return this; }
        public Builder language(String code) { addIfPresent(languages, code); return this; }
        public Builder subject(String s) { addIfPresent(subjects, s); return this; }
        public Builder classification(Classification c) { if (c != null && !classifications.contains(c)) classifications.add(c); return this; }
        public Builder description(String d) { if (description == null) description = d; return this; }
        public Builder note(String n) { addIfPresent(notes, n); return this; }
        public Builder holding(Holding h) { if (h != null) holdings.add(h); return this; }
        public Builder library(String l) { this.library = l; return this; }
        public Builder county(String c) { this.county = c; return this; }
        public Builder source(SourceInfo source) { this.library = source.library(); this.county = source.county().orElse(null); return this; }
        public Builder datestamp(Instant d) { this.datestamp = d; return this; }

        public boolean hasTitle() {
            return title != null && !title.isBlank();
        }

        public CanonicalRecord build() {
            return new CanonicalRecord(idOf(sourceId, recordId), sourceId, recordId, format, kind,
                    title == null ? null : title.strip(), parallelTitles, otherTitles, creators,
                    Optional.ofNullable(publisher), Optional.ofNullable(place), Optional.ofNullable(year),
                    isbns, languages, subjects, classifications, Optional.ofNullable(description), notes,
                    holdings, library, Optional.ofNullable(county), datestamp);
        }

        private static void addIfPresent(List<String> list, String value) {
            if (value != null) {
                String v = value.strip();
                if (!v.isEmpty() && !list.contains(v)) {
                    list.add(v);
                }
            }
        }
    }
}
