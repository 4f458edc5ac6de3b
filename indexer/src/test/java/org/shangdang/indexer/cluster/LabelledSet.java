package org.shangdang.indexer.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Creator;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.ResourceKind;

/**
 * The labelled clustering set of the fixtures module ({@code fixtures/clustering/records.tsv}, written by
 * {@code ClusteringSetGenerator}): canonical records of the 13 libraries, each with its true work and the hard
 * cases it shows.
 *
 * @param records the records, in file order (sorted by id)
 * @param trueWork the true work of each record id
 * @param cases the hard cases of each record id ({@code isbn10}, {@code traditional}, {@code reprint} …)
 */
record LabelledSet(List<CanonicalRecord> records, Map<String, String> trueWork, Map<String, List<String>> cases) {

    static final String RESOURCE = "fixtures/clustering/records.tsv";
    private static final Instant DATESTAMP = Instant.parse("2026-01-01T00:00:00Z");

    static LabelledSet load() {
        String tsv;
        try (InputStream in = LabelledSet.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " not on the test classpath: is shangdang-fixtures installed?");
            }
            tsv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<CanonicalRecord> records = new ArrayList<>();
        Map<String, String> truth = new TreeMap<>();
        Map<String, List<String>> cases = new TreeMap<>();
        String[] lines = tsv.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] c = lines[i].split("\t", -1);
            String id = c[0];
            String sourceId = c[1];
            CanonicalRecord.Builder builder = CanonicalRecord.builder(sourceId, id.substring(sourceId.length() + 1))
                    .format(RecordFormat.MARCXML).kind(ResourceKind.valueOf(c[4].toUpperCase(Locale.ROOT)))
                    .title(c[5]).volume(c[6]).edition(c[7]).publisher(c[9]).year(Integer.parseInt(c[10]))
                    .fingerprint(c[12]).library(c[2]).county(c[3].isEmpty() ? null : c[3]).datestamp(DATESTAMP);
            if (!c[8].isEmpty()) {
                for (String pair : c[8].split(";")) {
                    String[] nameRole = pair.split("\\|", -1);
                    builder.creator(Creator.of(nameRole[0], nameRole[1]));
                }
            }
            if (!c[11].isEmpty()) {
                builder.isbn(c[11]);
            }
            CanonicalRecord record = builder.build();
            records.add(record);
            truth.put(record.id(), c[14]);
            cases.put(record.id(), List.of(c[13].split(",")));
        }
        return new LabelledSet(List.copyOf(records), truth, cases);
    }
}
