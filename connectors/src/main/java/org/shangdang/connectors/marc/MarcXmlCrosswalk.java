package org.shangdang.connectors.marc;

import java.util.Objects;
import java.util.Optional;
import org.marc4j.marc.Record;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Crosswalk;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.RecordRejectedException;
import org.shangdang.record.SourceInfo;

/**
 * MARCXML (MARC 21 or UNIMARC/CNMARC tagging) to the canonical record.
 *
 * <p>The payload is one MARCXML {@code <record>} in UTF-8 (or the encoding its XML declaration names), with
 * or without the MARC namespace, a byte-order mark, or a {@code <collection>} or SRU wrapper around it; only
 * the first record is mapped. It is parsed with the hardened StAX factory into marc4j's record model; a
 * payload with a DOCTYPE is rejected and no external entity is ever resolved.
 *
 * <p>Flavour: fixed by the constructor when the source declares it, otherwise detected per record: a record
 * with a 200 field and no 245 is UNIMARC, any other MARC 21; one with neither title field is UNIMARC when it
 * has a 101 or 801 field, which only UNIMARC defines. See {@link UnimarcMapping} and
 * {@link Marc21Mapping} for the field mappings.
 *
 * <p>ISBNs whose check digit is wrong stay out of {@code isbns} and are kept as a note
 * ({@code Invalid ISBN 7-5440-1234-5}), so that the record can be corrected but never clusters wrongly.
 *
 * <p>Rejections ({@link RecordRejectedException}, message starting {@code sourceId:recordId:}): an empty or
 * not well-formed payload, a DOCTYPE, no {@code <record>}, a leader that is missing, shorter than 20 characters
 * (20 to 23 are taken as trimmed of trailing blanks), longer than 24,
 * or has no type of record, and no title.
 *
 * <p>Stateless and thread-safe.
 */
public final class MarcXmlCrosswalk implements Crosswalk {

    private final Optional<MarcFlavour> declared;

    /** A crosswalk that tells MARC 21 from UNIMARC/CNMARC by the fields of each record. */
    public MarcXmlCrosswalk() {
        this.declared = Optional.empty();
    }

    /** A crosswalk for a source that declares its flavour (e.g. an SRU {@code cnmarcxml} schema). */
    public MarcXmlCrosswalk(MarcFlavour flavour) {
        this.declared = Optional.of(Objects.requireNonNull(flavour, "flavour"));
    }

    @Override
    public RecordFormat format() {
        return RecordFormat.MARCXML;
    }

    @Override
    public CanonicalRecord map(RawRecord raw, SourceInfo source) throws RecordRejectedException {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(source, "source");
        if (raw.isDeleted()) {
            throw new IllegalArgumentException("a deleted record has no metadata to map: " + raw.canonicalId());
        }
        String id = raw.canonicalId();
        Record record = MarcXmlPayload.read(raw);
        CanonicalRecord.Builder builder = CanonicalRecord.builder(raw.sourceId(), raw.recordId())
                .format(RecordFormat.MARCXML)
                .source(source)
                .datestamp(raw.datestamp());
        if (flavourOf(record) == MarcFlavour.UNIMARC) {
            UnimarcMapping.map(record, builder, source, id);
        } else {
            Marc21Mapping.map(record, builder, source, id);
        }
        return builder.build();
    }

    /** The flavour this crosswalk reads a record as: the declared one, else detected from its fields. */
    MarcFlavour flavourOf(Record record) {
        if (declared.isPresent()) {
            return declared.get();
        }
        boolean unimarcTitle = MarcFields.has(record, "200");
        boolean marc21Title = MarcFields.has(record, "245");
        if (unimarcTitle || marc21Title) {
            return unimarcTitle && !marc21Title ? MarcFlavour.UNIMARC : MarcFlavour.MARC21;
        }
        // No title either way (a record to reject): read it as UNIMARC when it carries fields only UNIMARC
        // defines (101 language, 801 originating source), so the reason names the field a cataloguer expects.
        return MarcFields.has(record, "101") || MarcFields.has(record, "801") ? MarcFlavour.UNIMARC : MarcFlavour.MARC21;
    }
}
