package org.shangdang.connectors;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.shangdang.connectors.cloud.CloudCrosswalk;
import org.shangdang.connectors.dc.DublinCoreCrosswalk;
import org.shangdang.connectors.extract.ExtractedDocumentCrosswalk;
import org.shangdang.connectors.iiif.IiifManifestCrosswalk;
import org.shangdang.connectors.marc.MarcXmlCrosswalk;
import org.shangdang.connectors.opera.OperaRecordCrosswalk;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Crosswalk;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.RecordRejectedException;
import org.shangdang.record.SourceInfo;

/**
 * The crosswalk for each raw record format. Immutable and thread-safe, as the crosswalks it holds are.
 */
public final class Crosswalks {

    private final Map<RecordFormat, Crosswalk> byFormat;

    private Crosswalks(Map<RecordFormat, Crosswalk> byFormat) {
        this.byFormat = byFormat;
    }

    /**
     * MARCXML (flavour detected per record), oai_dc, IIIF manifests (rare books decided by metadata),
     * extracted documents, opera/quyi database rows, and the items of the national and Shanxi culture clouds.
     */
    public static Crosswalks standard() {
        return of(new MarcXmlCrosswalk(), new DublinCoreCrosswalk(), new IiifManifestCrosswalk(),
                new ExtractedDocumentCrosswalk(), new OperaRecordCrosswalk(), CloudCrosswalk.national(),
                CloudCrosswalk.shanxi());
    }

    /**
     * The given crosswalks, one per format.
     *
     * @throws IllegalArgumentException if two crosswalks read the same format
     */
    public static Crosswalks of(Crosswalk... crosswalks) {
        Map<RecordFormat, Crosswalk> byFormat = new EnumMap<>(RecordFormat.class);
        for (Crosswalk crosswalk : crosswalks) {
            Crosswalk previous = byFormat.put(crosswalk.format(), Objects.requireNonNull(crosswalk, "crosswalk"));
            if (previous != null) {
                throw new IllegalArgumentException("two crosswalks for format " + crosswalk.format() + ": "
                        + previous.getClass().getName() + " and " + crosswalk.getClass().getName());
            }
        }
        return new Crosswalks(byFormat);
    }

    /**
     * These crosswalks with an enrichment step after each: every record any of them maps (harvest, re-index,
     * clustering, reject retry) then goes through {@code enrichment}, so enrichment happens in one place.
     *
     * @param enrichment a thread-safe, idempotent step that returns the record with fields added
     */
    public Crosswalks enrichedBy(UnaryOperator<CanonicalRecord> enrichment) {
        Objects.requireNonNull(enrichment, "enrichment");
        Map<RecordFormat, Crosswalk> enriched = new EnumMap<>(RecordFormat.class);
        byFormat.forEach((format, crosswalk) -> enriched.put(format, new Enriched(crosswalk, enrichment)));
        return new Crosswalks(enriched);
    }

    /**
     * @throws IllegalArgumentException if no crosswalk reads {@code format} (never for {@link #standard()})
     */
    public Crosswalk forFormat(RecordFormat format) {
        Crosswalk crosswalk = byFormat.get(Objects.requireNonNull(format, "format"));
        if (crosswalk == null) {
            throw new IllegalArgumentException("no crosswalk for format " + format + "; have " + byFormat.keySet());
        }
        return crosswalk;
    }

    /** Maps a present raw record with the crosswalk for its format. */
    public CanonicalRecord map(RawRecord raw, SourceInfo source) throws RecordRejectedException {
        return forFormat(raw.format()).map(raw, source);
    }

    private record Enriched(Crosswalk crosswalk, UnaryOperator<CanonicalRecord> enrichment) implements Crosswalk {

        @Override
        public RecordFormat format() {
            return crosswalk.format();
        }

        @Override
        public CanonicalRecord map(RawRecord raw, SourceInfo source) throws RecordRejectedException {
            return enrichment.apply(crosswalk.map(raw, source));
        }
    }
}
