package org.shangdang.connectors.marc;

import static org.shangdang.connectors.marc.MarcFields.dataFields;
import static org.shangdang.connectors.marc.MarcFields.first;
import static org.shangdang.connectors.marc.MarcFields.values;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * MARC 21 to the canonical record.
 *
 * <p>880 (alternate graphic representation): where the 880 linked to 245, 1XX/7XX or 260/264 is in a CJK
 * script it is what readers see (title, name, imprint) and the romanized 245 title is kept in
 * {@code otherTitles} so pinyin/Wade-Giles searches still find it. A non-CJK 880 title (Greek, Arabic,
 * Tifinagh) goes to {@code otherTitles} and the transliterated field stays primary.
 *
 * <p>Holdings: 852 ($a institution or else the source's library, $b location or else $c shelving,
 * $h + $i call number, $p barcode); 949 as SirsiDynix-style local holdings ($m library, $l location,
 * $a + $b call number, $i barcode); without either, Alma's {@code AVA} fields ({@link AlmaAvailability}).
 *
 * <p>Creators: 1XX then 7XX, role from $e else $4. A record without them whose 245$c is in Chinese gets the
 * creators of that statement ({@link ResponsibilityStatement}).
 */
final class Marc21Mapping {

    private static final String NAME_PARTS = "abcdq";

    private Marc21Mapping() {
    }

    static void map(Record record, CanonicalRecord.Builder builder, SourceInfo source, String id)
            throws RecordRejectedException {
        Map<String, DataField> vernacular = vernacularFields(record);
        title(record, builder, vernacular, id);
        edition(record, builder, vernacular);
        creators(record, builder, vernacular);
        imprint(record, builder, vernacular);
        languages(record, builder);
        for (DataField field : dataFields(record, "020")) {
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
        subjects(record, builder);
        classifications(record, builder);
        first(dataFields(record, "520"), 'a').ifPresent(builder::description);
        for (DataField field : dataFields(record, "500")) {
            values(field, 'a').forEach(builder::note);
        }
        holdings(record, builder, source);
        builder.kind(kind(record));
    }

    /** 880s by the field they render: {@code 245-01} for an 880 whose $6 is {@code 245-01/$1}. */
    private static Map<String, DataField> vernacularFields(Record record) {
        Map<String, DataField> linked = new HashMap<>();
        for (DataField field : dataFields(record, "880")) {
            first(field, '6').filter(link -> link.length() >= 6 && !link.startsWith("00", 4))
                    .ifPresent(link -> linked.putIfAbsent(link.substring(0, 6), field));
        }
        return linked;
    }

    private static Optional<DataField> linked(DataField field, Map<String, DataField> vernacular) {
        return first(field, '6').filter(link -> link.startsWith("880-") && link.length() >= 6)
                .map(link -> vernacular.get(field.getTag() + "-" + link.substring(4, 6)));
    }

    private static Optional<DataField> cjk(DataField field, Map<String, DataField> vernacular) {
        return linked(field, vernacular).filter(v -> CatalogText.hasCjk(v.toString()));
    }

    private static void title(Record record, CanonicalRecord.Builder builder, Map<String, DataField> vernacular,
            String id) throws RecordRejectedException {
        List<DataField> titles = dataFields(record, "245");
        if (titles.isEmpty()) {
            throw new RecordRejectedException(id + ": no title: no 245 field");
        }
        DataField field = titles.get(0);
        Optional<String> romanized = titleProper(field);
        Optional<DataField> linked = linked(field, vernacular);
        Optional<String> original = linked.flatMap(Marc21Mapping::titleProper);
        if (original.isPresent() && CatalogText.hasCjk(original.get())) {
            builder.title(original.get());
            romanized.ifPresent(builder::otherTitle);
            first(linked.get(), 'b').map(CatalogText::stripIsbdBothEnds).ifPresent(builder::otherTitle);
        } else {
            String title = romanized.or(() -> original).orElseThrow(() -> new RecordRejectedException(
                    id + ": no title: 245$a empty in '" + field + "'"));
            builder.title(title);
            original.filter(o -> !o.equals(title)).ifPresent(builder::otherTitle);
        }
        first(field, 'b').map(CatalogText::stripIsbdBothEnds).ifPresent(builder::otherTitle);
        DataField numbered = linked.filter(v -> !MarcFields.inOrder(v, "np").isEmpty()).orElse(field);
        List<String> parts = MarcFields.inOrder(numbered, "np");
        if (!parts.isEmpty()) {
            builder.volume(String.join(". ", parts));
        }
        for (DataField variant : dataFields(record, "246")) {
            boolean parallel = variant.getIndicator2() == '1';
            for (DataField form : linked(variant, vernacular).map(v -> List.of(variant, v)).orElse(List.of(variant))) {
                first(form, 'a').map(CatalogText::stripIsbdBothEnds).filter(t -> !t.isEmpty()).ifPresent(t -> {
                    if (parallel) {
                        builder.parallelTitle(t);
                    } else {
                        builder.otherTitle(t);
                    }
                });
            }
        }
        for (DataField uniform : dataFields(record, "130", "240")) {
            first(uniform, 'a').map(CatalogText::stripIsbd).ifPresent(builder::otherTitle);
        }
    }

    /** 250$a (the vernacular 880 where linked), with $b after a comma: {@code 第2版}, {@code 2nd ed.}. */
    private static void edition(Record record, CanonicalRecord.Builder builder, Map<String, DataField> vernacular) {
        for (DataField field : dataFields(record, "250")) {
            DataField shown = cjk(field, vernacular).orElse(field);
            List<String> parts = MarcFields.inOrder(shown, "ab").stream().map(CatalogText::stripIsbdBothEnds)
                    .filter(v -> !v.isEmpty()).toList();
            if (!parts.isEmpty()) {
                builder.edition(String.join(", ", parts));
                return;
            }
        }
    }

    /** 245 $a with its part number $n and part name $p. */
    private static Optional<String> titleProper(DataField field) {
        Optional<String> a = first(field, 'a').map(CatalogText::stripIsbd).filter(t -> !t.isEmpty());
        if (a.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder title = new StringBuilder(a.get());
        for (String part : MarcFields.inOrder(field, "np")) {
            title.append(". ").append(part);
        }
        return Optional.of(title.toString());
    }

    private static void creators(Record record, CanonicalRecord.Builder builder, Map<String, DataField> vernacular) {
        boolean found = false;
        for (DataField field : dataFields(record, "100", "110", "111", "700", "710", "711")) {
            DataField shown = cjk(field, vernacular).orElse(field);
            boolean personal = isPersonal(field);
            List<String> parts = MarcFields.inOrder(shown, personal ? NAME_PARTS : "abcdn");
            if (parts.isEmpty()) {
                continue;
            }
            String name = parts.get(0);
            for (String part : parts.subList(1, parts.size())) {
                name = CatalogText.joinName(name, part, personal ? " " : ". ");
            }
            Optional<String> role = first(field, 'e').or(() -> first(field, '4')).map(CatalogText::stripIsbd);
            builder.creator(Creator.of(name, role.orElse(null)));
            found = true;
        }
        if (!found) {
            // Chinese records converted to MARC 21 often carry only the statement (国家统计局编); Latin-script
            // statements ("edited by …") are too free-form to read names from.
            for (DataField title : dataFields(record, "245")) {
                DataField shown = cjk(title, vernacular).orElse(title);
                first(shown, 'c').filter(CatalogText::hasCjk)
                        .ifPresent(c -> ResponsibilityStatement.creators(CatalogText.stripIsbd(c)).forEach(builder::creator));
                break;
            }
        }
    }

    private static boolean isPersonal(DataField field) {
        return field.getTag().equals("100") || field.getTag().equals("700");
    }

    private static void imprint(Record record, CanonicalRecord.Builder builder, Map<String, DataField> vernacular) {
        List<DataField> published = dataFields(record, "264").stream().filter(f -> f.getIndicator2() == '1').toList();
        List<DataField> imprints = published.isEmpty() ? dataFields(record, "260", "264") : published;
        if (!imprints.isEmpty()) {
            DataField field = cjk(imprints.get(0), vernacular).orElse(imprints.get(0));
            first(field, 'a').map(Marc21Mapping::unbracketed).filter(p -> !p.isEmpty()).ifPresent(builder::place);
            first(field, 'b').map(Marc21Mapping::unbracketed).filter(p -> !p.isEmpty()).ifPresent(builder::publisher);
            first(imprints, 'c').flatMap(CatalogText::firstYear).ifPresent(builder::year);
        }
        // 008/07-10 is the coded first date, for imprints that give none.
        MarcFields.control(record, "008").filter(f -> f.length() >= 11).map(f -> f.substring(7, 11))
                .filter(y -> y.matches("\\d{4}")).ifPresent(y -> builder.year(Integer.parseInt(y)));
    }

    /** {@code [Morocco] :} gives {@code Morocco}: the brackets mark a supplied value, not part of it. */
    private static String unbracketed(String value) {
        String text = CatalogText.stripIsbd(value);
        if (text.startsWith("[") && text.endsWith("]") && text.indexOf('[', 1) < 0) {
            text = text.substring(1, text.length() - 1).strip();
        }
        return text;
    }

    private static void languages(Record record, CanonicalRecord.Builder builder) {
        MarcFields.control(record, "008").filter(f -> f.length() >= 38).map(f -> f.substring(35, 38))
                .filter(code -> code.matches("[a-z]{3}")).ifPresent(builder::language);
        for (DataField field : dataFields(record, "041")) {
            for (String value : values(field, 'a')) {
                // Older records run several codes together: engfre.
                String codes = value.strip().toLowerCase(Locale.ROOT);
                if (codes.matches("([a-z]{3})+")) {
                    for (int i = 0; i < codes.length(); i += 3) {
                        builder.language(codes.substring(i, i + 3));
                    }
                }
            }
        }
    }

    private static void subjects(Record record, CanonicalRecord.Builder builder) {
        for (DataField field : dataFields(record, "600", "610", "611", "630", "648", "650", "651", "655")) {
            String main = switch (field.getTag()) {
                case "600" -> "abcdqt";
                case "610", "611" -> "abcdnt";
                case "630" -> "anp";
                default -> "a";
            };
            MarcFields.heading(field, main, "vxyz").ifPresent(builder::subject);
        }
        for (DataField field : dataFields(record, "653")) {
            values(field, 'a').forEach(keyword -> builder.subject(CatalogText.stripIsbd(keyword)));
        }
    }

    private static void classifications(Record record, CanonicalRecord.Builder builder) {
        for (DataField field : dataFields(record, "084")) {
            String scheme = first(field, '2').map(s -> s.strip().toLowerCase(Locale.ROOT)).orElse("084");
            values(field, 'a').forEach(code -> builder.classification(new Classification(scheme, code)));
        }
        for (DataField field : dataFields(record, "050", "090")) {
            // "ACQUISITION IN PROCESS" and similar placeholders are not class numbers.
            first(field, 'a').filter(a -> a.matches("[A-Z]{1,3}\\s?\\d.*")).ifPresent(a -> builder.classification(
                    new Classification("lcc", first(field, 'b').map(b -> a + " " + b).orElse(a))));
        }
        for (DataField field : dataFields(record, "082")) {
            first(field, 'a').filter(a -> a.matches("\\d.*"))
                    .ifPresent(a -> builder.classification(new Classification("ddc", a)));
        }
    }

    private static void holdings(Record record, CanonicalRecord.Builder builder, SourceInfo source) {
        for (DataField field : dataFields(record, "852")) {
            builder.holding(new Holding(first(field, 'a').orElse(source.library()),
                    first(field, 'b').or(() -> first(field, 'c')), joined(field, 'h', 'i'), Optional.empty(),
                    first(field, 'p'), Optional.empty(), Optional.empty()));
        }
        for (DataField field : dataFields(record, "949")) {
            builder.holding(new Holding(first(field, 'm').orElse(source.library()), first(field, 'l'),
                    joined(field, 'a', 'b'), Optional.empty(), first(field, 'i'), Optional.empty(), Optional.empty()));
        }
        if (!MarcFields.has(record, "852") && !MarcFields.has(record, "949")) {
            AlmaAvailability.holdings(record, builder, source);
        }
    }

    private static Optional<String> joined(DataField field, char first, char second) {
        Optional<String> a = first(field, first);
        Optional<String> b = first(field, second);
        if (a.isPresent() && b.isPresent()) {
            return Optional.of(a.get() + " " + b.get());
        }
        return a.or(() -> b);
    }

    private static ResourceKind kind(Record record) {
        char type = record.getLeader().getTypeOfRecord();
        char level = record.getLeader().getImplDefined1()[0];
        return switch (type) {
            case 'a' -> switch (level) {
                case 's', 'i' -> ResourceKind.SERIAL;
                case 'a', 'b' -> ResourceKind.ARTICLE;
                default -> ResourceKind.BOOK;
            };
            case 't' -> ResourceKind.MANUSCRIPT;
            case 'c', 'd' -> ResourceKind.SCORE;
            case 'e', 'f' -> ResourceKind.MAP;
            case 'g' -> ResourceKind.VIDEO;
            case 'i', 'j' -> ResourceKind.AUDIO;
            case 'k' -> ResourceKind.IMAGE;
            default -> ResourceKind.OTHER;
        };
    }
}
