package org.shangdang.indexer.cluster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Creator;
import org.shangdang.record.RecordFormat;

/**
 * Measures clustering throughput and memory on generated records: not a test, run by hand.
 *
 * <p>Generates works with random Chinese titles, creators, publishers, years and valid ISBNs, each held by one to
 * six of 13 libraries, catalogued with the usual variations (ISBN-10, no ISBN, role words in names, 上下册
 * sets under one ISBN); then clusters them in one batch, and again one upsert at a time, and reports records per
 * second and the catalog's heap cost per record.
 *
 * <pre>
 * mvn -q -o -pl indexer test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -Xmx2g -cp indexer/target/test-classes:indexer/target/classes:$(cat /tmp/cp.txt) \
 *     org.shangdang.indexer.cluster.ClusteringLoadDriver 100000
 * </pre>
 */
public final class ClusteringLoadDriver {

    private static final String HAN = "上党长治太行山西潞州城区屯留襄垣平顺黎城壶关长子武乡沁县源梆子戏曲艺术"
            + "文化历史民俗故事集成研究志书画传记年鉴地方抗战革命根据地风物人物诗词歌赋小说散文选编全集资料"
            + "古建筑寺庙碑刻村落方言音乐舞蹈剪纸刺绣美食农业经济教育科学技术医药卫生体育旅游指南地图";
    private static final String[] PUBLISHERS = {"山西人民出版社", "三晋出版社", "北岳文艺出版社", "中华书局",
        "文物出版社", "人民文学出版社", "山西经济出版社", "中国戏剧出版社", "山西教育出版社", "商务印书馆"};
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "郭", "申", "栗", "郝", "牛"};
    private static final Instant DATESTAMP = Instant.parse("2026-01-01T00:00:00Z");

    private ClusteringLoadDriver() {
    }

    public static void main(String[] args) {
        int target = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        List<CanonicalRecord> records = generate(target, new Random(42));
        System.out.printf("generated %d records%n", records.size());

        // Warm up the JIT and the folding table before timing.
        UnionCatalog.of(records.subList(0, Math.min(20_000, records.size())));

        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long startCpu = cpu.getCurrentThreadCpuTime();
        UnionCatalog batch = UnionCatalog.of(records);
        double batchSeconds = (System.nanoTime() - start) / 1e9;
        double batchCpu = (cpu.getCurrentThreadCpuTime() - startCpu) / 1e9;
        System.out.printf("batch:       %d records in %.2f s wall (%.0f records/s), %.2f s CPU (%.0f records/s per core),"
                + " %d works%n", records.size(), batchSeconds, records.size() / batchSeconds, batchCpu,
                records.size() / batchCpu, batch.workCount());
        batch = null;

        long before = usedHeap();
        start = System.nanoTime();
        startCpu = cpu.getCurrentThreadCpuTime();
        UnionCatalog incremental = new UnionCatalog();
        for (CanonicalRecord record : records) {
            incremental.upsert(record);
        }
        double incrementalSeconds = (System.nanoTime() - start) / 1e9;
        double incrementalCpu = (cpu.getCurrentThreadCpuTime() - startCpu) / 1e9;
        long after = usedHeap();
        System.out.printf("incremental: %d upserts in %.2f s wall (%.0f records/s), %.2f s CPU (%.0f records/s per core),"
                + " %d works%n", records.size(), incrementalSeconds, records.size() / incrementalSeconds, incrementalCpu,
                records.size() / incrementalCpu, incremental.workCount());
        System.out.printf("memory:      %.0f bytes per record held (%.0f MB for %d records; 1M records ≈ %.0f MB)%n",
                (double) (after - before) / records.size(), (after - before) / 1e6, records.size(),
                (double) (after - before) / records.size() * 1_000_000 / 1e6);
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    static List<CanonicalRecord> generate(int target, Random random) {
        List<CanonicalRecord> records = new ArrayList<>(target + 16);
        int work = 0;
        while (records.size() < target) {
            work++;
            String title = randomText(random, 4 + random.nextInt(8));
            String creator = SURNAMES[random.nextInt(SURNAMES.length)] + randomText(random, 1 + random.nextInt(2));
            String publisher = PUBLISHERS[random.nextInt(PUBLISHERS.length)];
            int year = 1980 + random.nextInt(45);
            String isbn = isbn13(random);
            boolean set = random.nextDouble() < 0.05;
            for (String volume : set ? new String[] {"上册", "下册"} : new String[] {null}) {
                int holders = 1 + random.nextInt(6);
                for (int h = 0; h < holders; h++) {
                    String source = "lib" + ((work + h) % 13);
                    CanonicalRecord.Builder b = CanonicalRecord.builder(source, "r" + work + (volume == null ? "" : volume) + "-" + h)
                            .format(RecordFormat.MARCXML).library(source).datestamp(DATESTAMP)
                            .title(title).volume(volume).publisher(publisher).year(year);
                    double r = random.nextDouble();
                    if (r < 0.1) {
                        // no ISBN
                    } else if (r < 0.4) {
                        b.isbn(isbn10(isbn));
                    } else {
                        b.isbn(isbn);
                    }
                    b.creator(random.nextDouble() < 0.3 ? Creator.of(creator + "著") : Creator.of(creator, "著"));
                    records.add(b.build());
                }
            }
        }
        return records;
    }

    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(HAN.charAt(random.nextInt(HAN.length())));
        }
        return text.toString();
    }

    private static String isbn10(String isbn13) {
        String body = isbn13.substring(3, 12);
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (10 - i) * (body.charAt(i) - '0');
        }
        int check = (11 - sum % 11) % 11;
        return body + (check == 10 ? "X" : String.valueOf(check));
    }

    private static String isbn13(Random random) {
        StringBuilder digits = new StringBuilder("9787");
        for (int i = 0; i < 8; i++) {
            digits.append(random.nextInt(10));
        }
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (digits.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return digits.append((10 - sum % 10) % 10).toString();
    }
}
