package org.shangdang.indexer.analysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.shangdang.indexer.IndexFields;
import org.shangdang.indexer.lucene.LuceneSearchIndex;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Creator;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.ResourceKind;

/**
 * A JMH-free sanity measurement, run by hand (not a test): how much computing pinyin adds to indexing.
 * Builds synthetic records (random common Han characters: a 12-character title, a 3-character
 * creator, two 4-character subjects), then prints records/s of {@link IndexFields#pinyinForms} alone
 * (cold, then warm) and of indexing them into a {@link LuceneSearchIndex} (upsert + commit). Run after
 * {@code mvn -pl indexer test-compile} with {@code java -cp <classes, test-classes, dependency jars>
 * org.shangdang.indexer.analysis.PinyinThroughputCheck}.
 */
public final class PinyinThroughputCheck {

    public static void main(String[] args) throws IOException {
        List<CanonicalRecord> records = sampleRecords(20_000);
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            long syllables = 0;
            for (CanonicalRecord r : records) {
                syllables += IndexFields.pinyinForms(r).size();
            }
            System.out.printf("round %d: pinyin of %d records (%d values): %.0f records/s%n", round, records.size(),
                    syllables, records.size() / ((System.nanoTime() - start) / 1e9));
        }
        for (int round = 0; round < 3; round++) {
            Path dir = Files.createTempDirectory("pinyin-check");
            try (LuceneSearchIndex index = LuceneSearchIndex.open(dir)) {
                long start = System.nanoTime();
                index.upsert(records);
                index.commit();
                System.out.printf("round %d: indexed %d records into Lucene: %.0f records/s%n", round, records.size(),
                        records.size() / ((System.nanoTime() - start) / 1e9));
            } finally {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    private static List<CanonicalRecord> sampleRecords(int n) {
        Random random = new Random(42);
        List<CanonicalRecord> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            records.add(CanonicalRecord.builder("synthetic", String.valueOf(i)).format(RecordFormat.MARCXML)
                    .kind(ResourceKind.BOOK).title(han(random, 12)).creator(Creator.of(han(random, 3), "著"))
                    .subject(han(random, 4)).subject(han(random, 4)).language("chi").library("长治市图书馆")
                    .datestamp(Instant.parse("2026-11-01T08:00:00Z")).build());
        }
        return records;
    }

    /** Any character of the URO: the worst case for the per-character cache (20,000 distinct characters). */
    private static String han(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(0x4E00 + random.nextInt(20_000));
        }
        return text.toString();
    }
}
