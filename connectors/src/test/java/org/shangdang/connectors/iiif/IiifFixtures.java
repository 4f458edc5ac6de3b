package org.shangdang.connectors.iiif;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.RecordStatus;

/** The 长治 IIIF fixtures of the fixtures module, read from the classpath with a fixed base URL. */
final class IiifFixtures {

    static final String BASE = "https://iiif.example";
    static final Instant DATESTAMP = Instant.parse("2024-05-01T08:00:00Z");

    private IiifFixtures() {
    }

    /** A fixture document with {@code {{request.baseUrl}}} replaced by {@link #BASE}. */
    static String document(String path) {
        String name = "fixtures/iiif/" + path;
        try (InputStream in = IiifFixtures.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing from the classpath: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{request.baseUrl}}", BASE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RawRecord raw(String sourceId, String recordId, String json) {
        return new RawRecord(sourceId, recordId, DATESTAMP, RecordFormat.IIIF_MANIFEST,
                json.getBytes(StandardCharsets.UTF_8), RecordStatus.PRESENT);
    }
}
