package org.shangdang.connectors.marc;

import static org.shangdang.connectors.marc.MarcFields.dataFields;
import static org.shangdang.connectors.marc.MarcFields.first;
import static org.shangdang.connectors.marc.MarcFields.values;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.marc4j.marc.DataField;
import org.marc4j.marc.Record;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Classification;
import org.shangdang.record.Creator;
import org.shangdang.record.Holding;
import org.shangdang.record.RecordRejectedException;
import org.shangdang.record.ResourceKind;
import org.shangdang.record.SourceInfo;

/**
 * UNIMARC/CNMARC to the canonical record. Upper-case subfield codes ({@code $A $F $E}: the pinyin CNMARC
 * sources add beside the Chinese) are never read, since marc4j subfield codes are case-sensitive.
 *
 * <p>Holdings: each 906 (item: $a accession, $b barcode, $d/$e call number, $r price) is one holding, placed
 * with the 905 before it (copy set: $a library, $c location, $s or $d/$e call number); a 905 without 906s is
 * one holding. The library is 905$a when catalogued, else the source's library. A price with no digits
 * (a bare {@code CNY}) is left out. Without 905/906, Alma's {@code AVA} fields are used ({@link AlmaAvailability}).
 */
final class UnimarcMapping {

    /** Before 1912 a Chinese book is 古籍 by the usual definition (GB/T 3792.7). */
    private static final int RARE_BOOK_BEFORE = 1912;
    private static final List<List<String>> CREATOR_LEVELS = List.of(
            List.of("700", "710", "720"), List.of("701", "711", "721"), List.of("702", "712", "722"));

    private UnimarcMapping() {
    }

    static void map(Record record, CanonicalRecord.Builder builder, SourceInfo source, String id)
            throws RecordRejectedException {
        title(record, builder, id);
        edition(record, builder);
        fingerprint(record, builder);
        creators(record, builder);
        imprint(record, builder);
        identifiers(record, builder);
        for (DataField field : dataFields(record, "101")) {
            values(field, 'a').forEach(code -> CatalogText.languageCode(code).ifPresent(builder::language));
        }
        subjects(record, builder);
        for (DataField field : dataFields(record, "690")) {
            values(field, 'a').forEach(code -> builder.classification(new Classification(Classification.CLC, code)));
        }
        for (DataField field : dataFields(record, "686")) {
            String scheme = first(field, '2').map(s -> s.toLowerCase(java.util.Locale.ROOT)).orElse("686");
            values(field, 'a').forEach(code -> builder.classification(new Classification(scheme, code)));
        }
        first(dataFields(record, "330"), 'a').ifPresent(builder::description);
        for (DataField field : dataFields(record, "300")) {
            values(field, 'a').forEach(builder::note);
        }
        for (DataField field : dataFields(record, "327")) {
            List<String> contents = values(field, 'a');
            if (!contents.isEmpty()) {
                builder.note(String.join(" ; ", contents));
            }
        }
        holdings(record, builder, source);
        builder.kind(kind(record));
    }

    private static void title(Record record, CanonicalRecord.Builder builder, String id) throws RecordRejectedException {
        List<DataField> titles = dataFields(record, "200");
        if (titles.isEmpty()) {
            throw new RecordRejectedException(id + ": no title: no 200 field");
        }
        DataField field = titles.get(0);
        List<String> proper = values(field, 'a').stream().map(CatalogText::stripIsbd).filter(t -> !t.isEmpty()).toList();
        if (proper.isEmpty()) {
            throw new RecordRejectedException(id + ": no title: 200$a empty in '" + field + "'");
        }
        String title = proper.get(0);
        Optional<String> number = first(field, 'h').map(CatalogText::stripIsbdBothEnds);
        Optional<String> name = first(field, 'i').map(CatalogText::stripIsbdBothEnds);
        if (number.isPresent()) {
            title = title + ". " + number.get();
        }
        if (name.isPresent()) {
            title = title + (number.isPresent() ? ", " : ". ") + name.get();
        }
        builder.title(title);
        volume(number, name).ifPresent(builder::volume);
        proper.stream().skip(1).forEach(builder::otherTitle);
        values(field, 'd').forEach(t -> builder.parallelTitle(CatalogText.stripIsbdBothEnds(t)));
        values(field, 'e').forEach(t -> builder.otherTitle(CatalogText.stripIsbdBothEnds(t)));
        for (DataField parallel : dataFields(record, "510")) {
            first(parallel, 'a').ifPresent(t -> builder.parallelTitle(CatalogText.stripIsbdBothEnds(t)));
        }
        for (DataField other : dataFields(record, "500", "517")) {
            first(other, 'a').ifPresent(t -> builder.otherTitle(CatalogText.stripIsbdBothEnds(t)));
        }
    }

    /** 200$h part number and $i part name, as the title shows them: {@code 第一卷, 源流}. */
    private static Optional<String> volume(Optional<String> number, Optional<String> name) {
        if (number.isPresent() && name.isPresent()) {
            return Optional.of(number.get() + ", " + name.get());
        }
        return number.or(() -> name).filter(v -> !v.isEmpty());
    }

    /**
     * 205$a edition statement, with $b (additional statement, where CNMARC catalogues put {@code 2016年重印})
     * after a comma so clustering can tell a reprint from a new edition.
     */
    private static void edition(Record record, CanonicalRecord.Builder builder) {
        for (DataField field : dataFields(record, "205")) {
            List<String> parts = new ArrayList<>();
            for (char code : new char[] {'a', 'b'}) {
                values(field, code).stream().map(CatalogText::stripIsbdBothEnds).filter(v -> !v.isEmpty())
                        .forEach(parts::add);
            }
            if (!parts.isEmpty()) {
                builder.edition(String.join(", ", parts));
                return;
            }
        }
    }

    /** 012$a, the rare-book fingerprint; kept as catalogued (its spacing is part of the standard form). */
    private static void fingerprint(Record record, CanonicalRecord.Builder builder) {
        first(dataFields(record, "012"), 'a').ifPresent(builder::fingerprint);
    }

    private static void creators(Record record, CanonicalRecord.Builder builder) {
        List<Creator> creators = new ArrayList<>();
        for (List<String> level : CREATOR_LEVELS) {
            for (DataField field : dataFields(record, level.toArray(String[]::new))) {
                boolean personal = field.getTag().startsWith("70") || field.getTag().startsWith("72");
                Optional<String> a = first(field, 'a').map(CatalogText::stripIsbd);
                if (a.isEmpty()) {
                    continue;
                }
                String name = a.get();
                for (String part : values(field, 'b')) {
                    name = CatalogText.joinName(name, CatalogText.stripIsbd(part), personal ? ", " : ". ");
                }
                creators.add(Creator.of(name, first(field, '4').map(CatalogText::stripIsbd).orElse(null)));
            }
        }
        if (creators.isEmpty()) {
            // Without added entries the statement of responsibility is all there is (著/编/主编/译 as roles).
            for (DataField field : dataFields(record, "200")) {
                for (char code : new char[] {'f', 'g'}) {
                    values(field, code).forEach(s -> creators.addAll(ResponsibilityStatement.creators(s)));
                }
                break;
            }
        }
        creators.forEach(builder::creator);
    }

    private static void imprint(Record record, CanonicalRecord.Builder builder) {
        List<DataField> imprints = dataFields(record, "210", "214");
        first(imprints, 'a').map(CatalogText::stripIsbdBothEnds).ifPresent(builder::place);
        first(imprints, 'c').map(CatalogText::stripIsbdBothEnds).ifPresent(builder::publisher);
        first(imprints, 'd').flatMap(CatalogText::firstYear).ifPresent(builder::year);
        // 100$a/9-12 is the coded first date, for imprints that give none.
        first(dataFields(record, "100"), 'a').filter(a -> a.length() >= 13)
                .map(a -> a.substring(9, 13)).filter(y -> y.matches("\\d{4}"))
                .ifPresent(y -> builder.year(Integer.parseInt(y)));
    }

    private static void identifiers(Record record, CanonicalRecord.Builder builder) {
        for (DataField field : dataFields(record, "010")) {
            // $z is a cancelled or invalid ISBN and is not the book's.
            for (String value : values(field, 'a')) {
                Isbns.withoutQualifiers(value).ifPresent(isbn -> {
                    if (Isbns.isValid(isbn)) {
                        builder.isbn(isbn);
                    } else {
                        builder.note("Invalid ISBN " + isbn);
                    }
                });
            }
        }
    }

    private static void subjects(Record record, CanonicalRecord.Builder builder) {
        for (DataField field : dataFields(record, "600", "601", "602", "604", "605", "606", "607", "608")) {
            String main = field.getTag().compareTo("603") < 0 ? "abcdf" : "a";
            MarcFields.heading(field, main, "xyzj").ifPresent(builder::subject);
        }
        for (DataField field : dataFields(record, "610")) {
            values(field, 'a').forEach(keyword -> builder.subject(CatalogText.stripIsbd(keyword)));
        }
    }

    private static void holdings(Record record, CanonicalRecord.Builder builder, SourceInfo source) {
        DataField copySet = null;
        boolean copySetHasItems = false;
        for (DataField field : dataFields(record, "905", "906")) {
            if (field.getTag().equals("905")) {
                if (copySet != null && !copySetHasItems) {
                    builder.holding(copySetHolding(copySet, source));
                }
                copySet = field;
                copySetHasItems = false;
            } else {
                builder.holding(itemHolding(copySet, field, source));
                copySetHasItems = true;
            }
        }
        if (copySet != null && !copySetHasItems) {
            builder.holding(copySetHolding(copySet, source));
        }
        if (!MarcFields.has(record, "905") && !MarcFields.has(record, "906")) {
            AlmaAvailability.holdings(record, builder, source);
        }
    }

    private static Holding copySetHolding(DataField copySet, SourceInfo source) {
        return new Holding(library(copySet, source), first(copySet, 'c'), copySetCallNumber(copySet),
                first(copySet, 'b'), Optional.empty(), price(copySet), Optional.empty());
    }

    private static Holding itemHolding(DataField copySet, DataField item, SourceInfo source) {
        Optional<String> callNumber = callNumber(item);
        if (callNumber.isEmpty() && copySet != null) {
            callNumber = copySetCallNumber(copySet);
        }
        Optional<String> location = copySet == null ? Optional.empty() : first(copySet, 'c');
        return new Holding(library(copySet, source), location, callNumber, first(item, 'a'), first(item, 'b'),
                price(item), Optional.empty());
    }

    private static String library(DataField copySet, SourceInfo source) {
        return copySet == null ? source.library() : first(copySet, 'a').orElse(source.library());
    }

    private static Optional<String> copySetCallNumber(DataField copySet) {
        return first(copySet, 's').or(() -> callNumber(copySet));
    }

    /** 索书号 = 分类号 $d / 书次号 $e. */
    private static Optional<String> callNumber(DataField field) {
        Optional<String> classNumber = first(field, 'd');
        Optional<String> bookNumber = first(field, 'e');
        if (classNumber.isPresent() && bookNumber.isPresent()) {
            return Optional.of(classNumber.get() + "/" + bookNumber.get());
        }
        return classNumber.or(() -> bookNumber);
    }

    private static Optional<String> price(DataField field) {
        return first(field, 'r').filter(p -> p.matches(".*\\d.*"));
    }

    private static ResourceKind kind(Record record) {
        char type = record.getLeader().getTypeOfRecord();
        char level = record.getLeader().getImplDefined1()[0];
        return switch (type) {
            case 'a' -> switch (level) {
                case 's', 'i' -> ResourceKind.SERIAL;
                case 'a' -> ResourceKind.ARTICLE;
                default -> isRareBook(record) ? ResourceKind.RARE_BOOK : ResourceKind.BOOK;
            };
            case 'b' -> ResourceKind.MANUSCRIPT;
            case 'c', 'd' -> ResourceKind.SCORE;
            case 'e', 'f' -> ResourceKind.MAP;
            case 'g' -> ResourceKind.VIDEO;
            case 'i', 'j' -> ResourceKind.AUDIO;
            case 'k' -> ResourceKind.IMAGE;
            default -> ResourceKind.OTHER;
        };
    }

    /** 191/193 are CNMARC's rare-book (古籍) fields; otherwise a text printed before 1912 counts. */
    private static boolean isRareBook(Record record) {
        if (MarcFields.has(record, "191") || MarcFields.has(record, "193")) {
            return true;
        }
        Optional<Integer> year = first(dataFields(record, "100"), 'a').filter(a -> a.length() >= 13)
                .map(a -> a.substring(9, 13)).filter(y -> y.matches("\\d{4}")).map(Integer::parseInt)
                .or(() -> first(dataFields(record, "210", "214"), 'd').flatMap(CatalogText::firstYear));
        return year.filter(y -> y < RARE_BOOK_BEFORE).isPresent();
    }
}
