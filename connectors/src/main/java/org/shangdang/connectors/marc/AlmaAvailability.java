package org.shangdang.connectors.marc;

import static org.shangdang.connectors.marc.MarcFields.first;

import java.util.Optional;
import org.marc4j.marc.DataField;
import org.marc4j.marc.Record;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Holding;
import org.shangdang.record.SourceInfo;

/**
 * Holdings from the {@code AVA} fields Alma adds to records it serves (in either flavour): $q library name
 * (else $b library code, else the source's library), $c location, $d call number, $e availability. Used only
 * for records whose catalogue holdings fields (905/906, 852/949) are absent, so copies are not counted twice.
 */
final class AlmaAvailability {

    private AlmaAvailability() {
    }

    static void holdings(Record record, CanonicalRecord.Builder builder, SourceInfo source) {
        for (DataField field : MarcFields.dataFields(record, "AVA")) {
            builder.holding(new Holding(first(field, 'q').or(() -> first(field, 'b')).orElse(source.library()),
                    first(field, 'c'), first(field, 'd'), Optional.empty(), Optional.empty(),
                    Optional.empty(), first(field, 'e')));
        }
    }
}
