package org.shangdang.api.oai;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.shangdang.api.oai.MarcXmlRecord.ControlField;
import org.shangdang.api.oai.MarcXmlRecord.DataField;
import org.shangdang.api.oai.MarcXmlRecord.Subfield;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Classification;
import org.shangdang.record.Creator;
import org.shangdang.record.Holding;
import org.shangdang.record.MediaLink;
import org.shangdang.record.ResourceKind;

/**
 * A MARC 21 bibliographic record made from a canonical record, for records that were not harvested as MARC 21
 * (CNMARC/UNIMARC and Dublin Core sources): what the {@code marcxml} prefix and the SRU {@code marcxml} schema
 * serve for them, so that those always carry MARC 21 tagging, as their consumers expect.
 *
 * <p>The mapping is the reverse of the crosswalks, field by field: 001 the canonical id, 005 when our copy
 * changed, 008 with date type, year, place {@code cc} and language; 020 ISBNs; 035 the source's own id
 * ({@code (sourceId)recordId}); 041 languages; 084 class numbers with their scheme ({@code $2 clc} for 中图法);
 * 245 title ($a), first other title ($b), volume ($n); 246 parallel (31) and further other titles (3_);
 * 250 edition; 260 place, publisher, year; 500 notes; 520 summary; 540 rights; 650 _4 subjects; 655 _4 genre;
 * 690 themes (local); 720 every creator with its role in $e (uncontrolled names: the sources do not say which
 * are persons); 852 one per holding ($a library, $b location, $h call number, $p barcode, $9 accession number,
 * $z price and status; a record without holdings gets one 852 $a with its catalogue's library);
 * 856 4_ media links ($u url, $q MIME type, $y label, $3 kind). The leader says Unicode
 * ({@code a} at 09) and encoding level {@code u} (unknown: derived, not catalogued). Stateless and thread-safe.
 */
public final class Marc21FromCanonical {

    private static final DateTimeFormatter F005 = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'.0'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter F008 = DateTimeFormatter.ofPattern("yyMMdd").withZone(ZoneOffset.UTC);

    /** Leader 06 (type of record) per kind; language material where nothing closer exists. */
    private static final Map<ResourceKind, Character> RECORD_TYPES = Map.of(
            ResourceKind.MAP, 'e', ResourceKind.SCORE, 'c', ResourceKind.AUDIO, 'i', ResourceKind.VIDEO, 'g',
            ResourceKind.IMAGE, 'k', ResourceKind.MANUSCRIPT, 't', ResourceKind.EBOOK, 'm');

    private Marc21FromCanonical() {}

    /**
     * @param changedAt when our copy of the record last changed, for 005 and 008/00-05
     */
    public static MarcXmlRecord build(CanonicalRecord record, Instant changedAt) {
        char type = RECORD_TYPES.getOrDefault(record.kind(), 'a');
        char level = record.kind() == ResourceKind.SERIAL ? 's' : record.kind() == ResourceKind.ARTICLE ? 'a' : 'm';
        String leader = "00000n" + type + level + " a2200000uu 4500";

        List<ControlField> controls = List.of(
                new ControlField("001", record.id()),
                new ControlField("005", F005.format(changedAt)),
                new ControlField("008", field008(record, changedAt)));

        List<DataField> fields = new ArrayList<>();
        record.isbns().forEach(isbn -> fields.add(field("020", ' ', ' ', 'a', isbn)));
        fields.add(field("035", ' ', ' ', 'a', "(" + record.sourceId() + ")" + record.recordId()));
        if (!record.languages().isEmpty()) {
            fields.add(new DataField("041", '0', ' ', record.languages().stream().map(l -> new Subfield('a', l)).toList()));
        }
        for (Classification c : record.classifications()) {
            fields.add(new DataField("084", ' ', ' ', List.of(new Subfield('a', c.code()), new Subfield('2', c.scheme()))));
        }
        List<Subfield> title = new ArrayList<>();
        title.add(new Subfield('a', record.title()));
        record.otherTitles().stream().findFirst().ifPresent(t -> title.add(new Subfield('b', t)));
        record.volume().ifPresent(v -> title.add(new Subfield('n', v)));
        fields.add(new DataField("245", '0', '0', title));
        record.parallelTitles().forEach(t -> fields.add(field("246", '3', '1', 'a', t)));
        record.otherTitles().stream().skip(1).forEach(t -> fields.add(field("246", '3', ' ', 'a', t)));
        record.edition().ifPresent(e -> fields.add(field("250", ' ', ' ', 'a', e)));
        List<Subfield> imprint = new ArrayList<>();
        record.place().ifPresent(p -> imprint.add(new Subfield('a', p)));
        record.publisher().ifPresent(p -> imprint.add(new Subfield('b', p)));
        record.year().ifPresent(y -> imprint.add(new Subfield('c', String.valueOf(y))));
        if (!imprint.isEmpty()) {
            fields.add(new DataField("260", ' ', ' ', imprint));
        }
        record.notes().forEach(n -> fields.add(field("500", ' ', ' ', 'a', n)));
        record.description().ifPresent(d -> fields.add(field("520", ' ', ' ', 'a', d)));
        record.rights().ifPresent(r -> fields.add(field("540", ' ', ' ', 'a', r)));
        record.subjects().forEach(s -> fields.add(field("650", ' ', '4', 'a', s)));
        record.genre().ifPresent(g -> fields.add(field("655", ' ', '4', 'a', g)));
        record.themes().forEach(t -> fields.add(field("690", ' ', ' ', 'a', t)));
        for (Creator creator : record.creators()) {
            List<Subfield> name = new ArrayList<>();
            name.add(new Subfield('a', creator.name()));
            creator.role().ifPresent(r -> name.add(new Subfield('e', r)));
            fields.add(new DataField("720", ' ', ' ', name));
        }
        record.holdings().forEach(h -> fields.add(holding(h)));
        if (record.holdings().isEmpty()) {
            // The record comes from this library's catalogue, which is what a union catalogue needs to know.
            fields.add(field("852", ' ', ' ', 'a', record.library()));
        }
        record.media().forEach(m -> fields.add(media(m)));
        return new MarcXmlRecord(leader, controls, fields);
    }

    private static String field008(CanonicalRecord record, Instant changedAt) {
        String dates = record.year().filter(y -> y >= 0 && y <= 9999)
                .map(y -> "s" + String.format("%04d", y) + "    ").orElse("nuuuu    ");
        String language = record.languages().stream().filter(l -> l.length() == 3).findFirst().orElse("und");
        String field = F008.format(changedAt) + dates + "cc " + " ".repeat(17) + language + " d";
        return field;
    }

    private static DataField holding(Holding h) {
        List<Subfield> subfields = new ArrayList<>();
        subfields.add(new Subfield('a', h.library()));
        h.location().ifPresent(v -> subfields.add(new Subfield('b', v)));
        h.callNumber().ifPresent(v -> subfields.add(new Subfield('h', v)));
        h.barcode().ifPresent(v -> subfields.add(new Subfield('p', v)));
        h.accessionNumber().ifPresent(v -> subfields.add(new Subfield('9', v)));
        h.price().ifPresent(v -> subfields.add(new Subfield('z', v)));
        h.status().ifPresent(v -> subfields.add(new Subfield('z', v)));
        return new DataField("852", ' ', ' ', subfields);
    }

    private static DataField media(MediaLink m) {
        List<Subfield> subfields = new ArrayList<>();
        subfields.add(new Subfield('3', m.kind().value()));
        subfields.add(new Subfield('u', m.url()));
        m.mimeType().ifPresent(v -> subfields.add(new Subfield('q', v)));
        m.label().ifPresent(v -> subfields.add(new Subfield('y', v)));
        return new DataField("856", '4', ' ', subfields);
    }

    private static DataField field(String tag, char ind1, char ind2, char code, String value) {
        return new DataField(tag, ind1, ind2, List.of(new Subfield(code, value)));
    }

}
