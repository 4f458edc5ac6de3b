package org.shangdang.indexer;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.shangdang.indexer.analysis.Isbns;

/**
 * An exact-key lookup ({@link SearchIndex#lookup}): the records holding a key, not a ranked search. Keys are
 * matched on index fields of their own ({@link IndexFields#BARCODE}, {@link IndexFields#CALL_NUMBER},
 * {@link IndexFields#ISBN}, {@link IndexFields#WORK_ID}), never by reading records one by one.
 *
 * @param key what the values are
 * @param values the keys to find, any of them (1..{@link #MAX_VALUES}); normalised by the factory methods
 * @param library for {@link Key#CALL_NUMBER_PREFIX}, the holding library the call numbers belong to
 * @param limit at most this many records, 1..{@link #MAX_LIMIT}
 */
public record Lookup(Key key, List<String> values, Optional<String> library, int limit) {

    public static final int MAX_LIMIT = 1000;
    /** Keys one lookup may ask for at once (a page of works, say). */
    public static final int MAX_VALUES = 500;

    public Lookup {
        Objects.requireNonNull(key, "key");
        values = List.copyOf(values);
        library = Objects.requireNonNullElse(library, Optional.empty());
        if (values.isEmpty() || values.stream().anyMatch(String::isEmpty)) {
            throw new InvalidQueryException("a " + key.param() + " lookup needs a non-blank value; got: " + values);
        }
        if (values.size() > MAX_VALUES) {
            throw new InvalidQueryException("a lookup asks for at most " + MAX_VALUES + " keys; got: " + values.size());
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidQueryException("a lookup returns 1 to " + MAX_LIMIT + " records; got: " + limit);
        }
        if ((key == Key.CALL_NUMBER_PREFIX) != library.isPresent()) {
            throw new IllegalArgumentException("a library is given with call-number lookups, and only with them");
        }
    }

    /** The records listing this ISBN (any form: the engine holds every ISBN-10 also as its ISBN-13). */
    public static Lookup isbn(String isbn, int limit) {
        String normalised = Isbns.normalise(isbn);
        return new Lookup(Key.ISBN, List.of(Isbns.toIsbn13(normalised).orElse(normalised)), Optional.empty(), limit);
    }

    /** The records with a copy of this barcode ({@link IndexFields#barcodeKey}). */
    public static Lookup barcode(String barcode, int limit) {
        return new Lookup(Key.BARCODE, List.of(IndexFields.barcodeKey(barcode)), Optional.empty(), limit);
    }

    /**
     * The records with a copy in this library whose call number starts with the prefix, compared as
     * {@link IndexFields#callNumberKey} writes them (case, width and spaces ignored).
     */
    public static Lookup callNumberPrefix(String library, String prefix, int limit) {
        return new Lookup(Key.CALL_NUMBER_PREFIX, List.of(IndexFields.callNumberKey(prefix)),
                Optional.of(library.strip()), limit);
    }

    /** The records of these works ({@link org.shangdang.record.CanonicalRecord#workIdOrSelf()}). */
    public static Lookup works(List<String> workIds, int limit) {
        return new Lookup(Key.WORK_ID, workIds, Optional.empty(), limit);
    }

    /** The key a lookup matches on. */
    public enum Key {
        ISBN, BARCODE, CALL_NUMBER_PREFIX, WORK_ID;

        String param() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The term to match: the value itself, or for call numbers the library and the prefix as
     * {@link IndexFields#CALL_NUMBER} holds them.
     */
    public List<String> terms() {
        if (key == Key.CALL_NUMBER_PREFIX) {
            return values.stream().map(v -> IndexFields.callNumberTerm(library.orElseThrow(), v)).toList();
        }
        return values;
    }
}
