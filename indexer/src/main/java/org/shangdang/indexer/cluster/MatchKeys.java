package org.shangdang.indexer.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Creator;
import org.shangdang.record.ResourceKind;

/**
 * What clustering knows of one record: the keys records are blocked on (ISBN-13s, the 012 fingerprint, the
 * title key) and the values the rules and vetoes compare (volume, edition, creators, publisher, year, kind).
 *
 * <p>Immutable and thread-safe. Kept compact because the {@link UnionCatalog} holds one per record: about
 * 200–300 bytes for a typical Chinese book record (see {@link UnionCatalog} for the whole cost).
 */
public final class MatchKeys {

    private static final long[] NO_ISBNS = new long[0];
    private static final String[] NO_CREATORS = new String[0];

    private final String recordId;
    private final long[] isbns;
    private final String titleKey;
    private final String volume;
    private final String edition;
    private final boolean reprint;
    private final String[] creators;
    private final String publisher;
    private final short year;
    private final String fingerprint;
    private final KindFamily kind;

    /** Kinds that can be the same work: a 古籍 catalogued as a plain book by one library still matches. */
    enum KindFamily { TEXT, SERIAL, AUDIO, VIDEO, IMAGE, MAP, SCORE, OTHER }

    private MatchKeys(String recordId, long[] isbns, String titleKey, String volume, String edition,
            boolean reprint, String[] creators, String publisher, short year, String fingerprint, KindFamily kind) {
        this.recordId = recordId;
        this.isbns = isbns;
        this.titleKey = titleKey;
        this.volume = volume;
        this.edition = edition;
        this.reprint = reprint;
        this.creators = creators;
        this.publisher = publisher;
        this.year = year;
        this.fingerprint = fingerprint;
        this.kind = kind;
    }

    /**
     * The keys of a record. ISBNs with a wrong check digit are left out (the crosswalks already drop
     * {@code $z} cancelled ones); volume and edition come from the record's fields, else from its title;
     * a statement of only a reprint counts as the first edition, reprinted.
     */
    public static MatchKeys of(CanonicalRecord record) {
        Objects.requireNonNull(record, "record");
        Set<Long> isbnSet = new LinkedHashSet<>();
        for (String isbn : record.isbns()) {
            OptionalLong isbn13 = MatchText.isbn13(isbn);
            isbn13.ifPresent(isbnSet::add);
        }
        long[] isbns = isbnSet.isEmpty() ? NO_ISBNS : isbnSet.stream().mapToLong(Long::longValue).sorted().toArray();

        MatchText.TitleParts title = MatchText.title(record.title());
        String titleKey = title.key();
        Optional<String> numbered = record.volume().flatMap(MatchText::volume);
        if (numbered.isEmpty() && record.volume().isPresent()) {
            // A named part (三晋石刻大全 + 长治市长子县卷) is one title, whether the part is in the title or a field.
            String part = MatchText.namedPart(record.volume().get());
            if (!titleKey.endsWith(part)) {
                titleKey = titleKey + part;
            }
        }
        String volume = numbered.or(title::volume).orElse(null);
        Optional<MatchText.Edition> statedEdition = record.edition().flatMap(MatchText::edition);
        String edition = statedEdition.flatMap(MatchText.Edition::number).or(title::edition).orElse("1");
        boolean reprint = statedEdition.filter(MatchText.Edition::reprint).isPresent();

        Set<String> creatorSet = new LinkedHashSet<>();
        for (Creator creator : record.creators()) {
            creatorSet.addAll(MatchText.creatorKeys(creator.name()));
        }
        String[] creators = creatorSet.isEmpty() ? NO_CREATORS : creatorSet.toArray(String[]::new);
        String publisher = record.publisher().flatMap(MatchText::publisherKey).orElse(null);
        short year = record.year().filter(y -> y > 0 && y < Short.MAX_VALUE).map(Integer::shortValue).orElse((short) 0);
        String fingerprint = record.fingerprint().flatMap(MatchText::fingerprintKey).orElse(null);
        return new MatchKeys(record.id(), isbns, titleKey, volume, edition, reprint,
                creators, publisher, year, fingerprint, family(record.kind()));
    }

    private static KindFamily family(ResourceKind kind) {
        return switch (kind) {
            case BOOK, RARE_BOOK, MANUSCRIPT -> KindFamily.TEXT;
            case SERIAL, ARTICLE -> KindFamily.SERIAL;
            case AUDIO -> KindFamily.AUDIO;
            case VIDEO, LECTURE -> KindFamily.VIDEO;
            case IMAGE -> KindFamily.IMAGE;
            case MAP -> KindFamily.MAP;
            case SCORE -> KindFamily.SCORE;
            default -> KindFamily.OTHER;
        };
    }

    public String recordId() {
        return recordId;
    }

    /** The record's valid ISBNs as ISBN-13 digit strings, ascending. */
    public List<String> isbns() {
        List<String> list = new ArrayList<>(isbns.length);
        for (long isbn : isbns) {
            list.add(String.valueOf(isbn));
        }
        return list;
    }

    long[] isbnNumbers() {
        return isbns;
    }

    /** The folded title proper without volume or edition designations; empty when the title had nothing else. */
    public String titleKey() {
        return titleKey;
    }

    /** The normalised volume or part ({@code 1}, {@code 上}); empty for a one-volume work or a whole set. */
    public Optional<String> volume() {
        return Optional.ofNullable(volume);
    }

    /** The normalised edition: {@code 1} unless a later or revised edition is stated. */
    public String edition() {
        return edition;
    }

    /** Whether a reprint or later printing is stated, which lets the year differ from the first printing's. */
    public boolean reprint() {
        return reprint;
    }

    /** The creator keys, main entry first. */
    public List<String> creators() {
        return List.of(creators);
    }

    String[] creatorArray() {
        return creators;
    }

    public Optional<String> publisher() {
        return Optional.ofNullable(publisher);
    }

    public OptionalInt year() {
        return year == 0 ? OptionalInt.empty() : OptionalInt.of(year);
    }

    int yearOrZero() {
        return year;
    }

    /** The normalised 012 fingerprint of a rare book. */
    public Optional<String> fingerprint() {
        return Optional.ofNullable(fingerprint);
    }

    KindFamily kind() {
        return kind;
    }

    /** Equal keys cluster identically, so a re-harvested record whose keys did not change re-clusters nothing. */
    @Override
    public boolean equals(Object o) {
        return o instanceof MatchKeys k && recordId.equals(k.recordId) && Arrays.equals(isbns, k.isbns)
                && titleKey.equals(k.titleKey) && Objects.equals(volume, k.volume) && edition.equals(k.edition)
                && reprint == k.reprint && Arrays.equals(creators, k.creators) && Objects.equals(publisher, k.publisher)
                && year == k.year && Objects.equals(fingerprint, k.fingerprint) && kind == k.kind;
    }

    @Override
    public int hashCode() {
        return Objects.hash(recordId, titleKey, volume, edition, publisher, year, fingerprint);
    }

    @Override
    public String toString() {
        return "MatchKeys[" + recordId + " isbns=" + isbns() + " title=" + titleKey + " volume=" + volume
                + " edition=" + edition + (reprint ? " reprint" : "") + " creators=" + creators()
                + " publisher=" + publisher + " year=" + year + " fingerprint=" + fingerprint + " kind=" + kind + "]";
    }
}
