package org.shangdang.api.oai;

import java.time.Instant;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;

/**
 * Which metadata a record is served in, for the OAI-PMH provider and the SRU server alike.
 *
 * <ul>
 *   <li>MARC 21 ({@code marcxml}): a record harvested as MARC 21 MARCXML is served as stored, holdings
 *       fields included. A CNMARC/UNIMARC record is served as MARC 21 made from its canonical record
 *       ({@link Marc21FromCanonical}, holdings in 852): MARCXML does not say its tagging, and a consumer
 *       asking for {@code marcxml} reads MARC 21, so sending UNIMARC tags under that name would be read wrongly.
 *       Dublin Core and other records get the same made-up MARC 21.
 *   <li>Dublin Core: a record harvested as oai_dc is served as stored (its fifteen elements); any other from
 *       its canonical record ({@link DublinCoreRecord#of}).
 * </ul>
 *
 * <p>A stored payload that cannot be re-read falls back to the canonical record. Stateless and thread-safe.
 */
public final class Dissemination {

    private Dissemination() {}

    /** The record as MARC 21. */
    public static MarcXmlRecord marc21(RawRecord raw, CanonicalRecord canonical, Instant changedAt) {
        if (raw.format() == RecordFormat.MARCXML) {
            try {
                MarcXmlRecord stored = MarcXmlRecord.parse(raw.payload(), raw.canonicalId());
                if (!stored.isUnimarc()) {
                    return stored;
                }
            } catch (IllegalArgumentException e) {
                // The crosswalk read it, so this is unexpected; the canonical record still gives a valid answer.
                return Marc21FromCanonical.build(canonical, changedAt);
            }
        }
        return Marc21FromCanonical.build(canonical, changedAt);
    }

    /** The record as simple Dublin Core. */
    public static DublinCoreRecord dublinCore(RawRecord raw, CanonicalRecord canonical) {
        if (raw.format() == RecordFormat.OAI_DC) {
            try {
                DublinCoreRecord stored = DublinCoreRecord.parse(raw.payload(), raw.canonicalId());
                if (!stored.elements().isEmpty()) {
                    return stored;
                }
            } catch (IllegalArgumentException e) {
                return DublinCoreRecord.of(canonical);
            }
        }
        return DublinCoreRecord.of(canonical);
    }
}
