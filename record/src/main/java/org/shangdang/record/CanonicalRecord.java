package org.shangdang.record;

import java.time.Duration;
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
 * @param edition the edition statement (CNMARC 205, MARC21 250), e.g. {@code 第2版}
 * @param volume the volume or part designation of a multi-part work (CNMARC 200$h, MARC21 245$n), e.g.
 *     {@code 上册}; also kept in the title as catalogued
 * @param fingerprint the rare-book fingerprint (UNIMARC/CNMARC 012$a), which identifies an edition of a
 *     古籍 where no ISBN exists
 * @param themes collections the record belongs to across sources, e.g. {@code 红色文化}, {@code 古籍}, {@code 戏曲}
 * @param genre the opera or quyi genre (剧种/曲种), e.g. {@code 上党梆子}
 * @param media links to the digital object: IIIF manifest, thumbnail, PDF, OCR text, audio, video
 * @param fullText text extracted from the digital object (text layer, OCR, lyrics), for search and snippets
 * @param rights the rights or licence statement
 * @param workId the union-catalog work this record was clustered into; empty until clustering has run,
 *     in which case the record is a work of its own
 * @param event when and where an activity takes place: start, end, venue and address
 * @param duration the running time of a video, an audio, a lecture or an activity
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
        Instant datestamp,
        Optional<String> edition,
        Optional<String> volume,
        Optional<String> fingerprint,
        List<String> themes,
        Optional<String> genre,
        List<MediaLink> media,
        Optional<String> fullText,
        Optional<String> rights,
        Optional<String> workId,
        Optional<Event> event,
        Optional<Duration> duration) {

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
        edition = orEmpty(edition);
        volume = orEmpty(volume);
        fingerprint = orEmpty(fingerprint);
        themes = copy(themes);
        genre = orEmpty(genre);
        media = copy(media);
        fullText = orEmpty(fullText);
        rights = orEmpty(rights);
        workId = orEmpty(workId);
        event = event == null ? Optional.empty() : event;
        duration = duration == null ? Optional.empty() : duration.filter(d -> !d.isNegative());
    }

    /** The work this record belongs to: the clustered work id, else the record's own id. */
    public String workIdOrSelf() {
        return workId.orElse(id);
    }

    /** This record assigned to a union-catalog work. */
    public CanonicalRecord withWorkId(String newWorkId) {
        Objects.requireNonNull(newWorkId, "workId");
        return new CanonicalRecord(id, sourceId, recordId, format, kind, title, parallelTitles, otherTitles,
                creators, publisher, place, year, isbns, languages, subjects, classifications, description, notes,
                holdings, library, county, datestamp, edition, volume, fingerprint, themes, genre, media, fullText,
                rights, Optional.of(newWorkId), event, duration);
    }

    /**
     * This record with its digital object's links and text replaced, e.g. by what was read from the files it
     * references (media metadata on the links, a PDF's text appended to the full text).
     */
    public CanonicalRecord withDigitalObject(List<MediaLink> newMedia, Optional<String> newFullText) {
        return new CanonicalRecord(id, sourceId, recordId, format, kind, title, parallelTitles, otherTitles,
                creators, publisher, place, year, isbns, languages, subjects, classifications, description, notes,
                holdings, library, county, datestamp, edition, volume, fingerprint, themes, genre, newMedia, newFullText,
                rights, workId, event, duration);
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
        private String edition;
        private String volume;
        private String fingerprint;
        private final List<String> themes = new java.util.ArrayList<>();
        private String genre;
        private final List<MediaLink> media = new java.util.ArrayList<>();
        private String fullText;
        private String rights;
        private String workId;
        private Event event;
        private Duration duration;

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
        public Builder edition(String e) { if (edition == null) edition = e; return this; }
        public Builder volume(String v) { if (volume == null) volume = v; return this; }
        public Builder fingerprint(String f) { if (fingerprint == null) fingerprint = f; return this; }
        public Builder theme(String t) { addIfPresent(themes, t); return this; }
        public Builder genre(String g) { if (genre == null) genre = g; return this; }
        public Builder media(MediaLink m) { if (m != null && !media.contains(m)) media.add(m); return this; }
        public Builder fullText(String t) { if (fullText == null) fullText = t; return this; }
        public Builder rights(String r) { if (rights == null) rights = r; return this; }
        public Builder workId(String w) { this.workId = w; return this; }
        public Builder event(Event e) { if (event == null) event = e; return this; }
        public Builder duration(Duration d) { if (duration == null) duration = d; return this; }

        public boolean hasTitle() {
            return title != null && !title.isBlank();
        }

        public CanonicalRecord build() {
            return new CanonicalRecord(idOf(sourceId, recordId), sourceId, recordId, format, kind,
                    title == null ? null : title.strip(), parallelTitles, otherTitles, creators,
                    Optional.ofNullable(publisher), Optional.ofNullable(place), Optional.ofNullable(year),
                    isbns, languages, subjects, classifications, Optional.ofNullable(description), notes,
                    holdings, library, Optional.ofNullable(county), datestamp, Optional.ofNullable(edition),
                    Optional.ofNullable(volume), Optional.ofNullable(fingerprint), themes, Optional.ofNullable(genre),
                    media, Optional.ofNullable(fullText), Optional.ofNullable(rights), Optional.ofNullable(workId),
                    Optional.ofNullable(event), Optional.ofNullable(duration));
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
