package org.shangdang.indexer.suggest;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.shangdang.indexer.analysis.Pinyin;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Creator;
import org.shangdang.record.RecordFormat;

/**
 * A sanity measurement run by hand (not a test): what {@link SuggestIndex} costs at catalogue scale.
 * Builds N synthetic records (random common Han characters: a 4–12-character title, a 3-character creator
 * from a pool of N/4, two 4-character subjects from a pool of N/10), then prints the time to apply them,
 * the time of a full {@link SuggestIndex#refresh()}, the heap held, the time to apply and refresh a
 * 100-record change, and the latency of 20 000 lookups of 1–4-character prefixes and pinyin/initials.
 * Run after {@code mvn -pl indexer -am test-compile} with {@code java -Xmx2g -cp <classes, test-classes,
 * dependency jars> org.shangdang.indexer.suggest.SuggestScaleCheck 1000000}.
 */
public final class SuggestScaleCheck {

    private static final String COMMON = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严";

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Random random = new Random(42);
        String[] creators = new String[Math.max(1, n / 4)];
        for (int i = 0; i < creators.length; i++) {
            creators[i] = han(random, 3);
        }
        String[] subjects = new String[Math.max(1, n / 10)];
        for (int i = 0; i < subjects.length; i++) {
            subjects[i] = han(random, 4);
        }
        // The pinyin of values is memoised process-wide in a bounded cache that indexing fills anyway: fill it
        // before the baseline, so that the heap figure is what the suggestions themselves hold.
        Random warm = new Random(7);
        for (int i = 0; i < 50_000; i++) {
            Pinyin.of(han(warm, 4 + warm.nextInt(9)));
        }
        SuggestIndex suggest = new SuggestIndex();
        long heapBefore = usedHeap();
        long start = System.nanoTime();
        List<CanonicalRecord> batch = new ArrayList<>(1000);
        for (int i = 0; i < n; i++) {
            batch.add(record(i, han(random, 4 + random.nextInt(9)), creators[random.nextInt(creators.length)],
                    subjects[random.nextInt(subjects.length)], subjects[random.nextInt(subjects.length)]));
            if (batch.size() == 1000) {
                suggest.upsert(batch);
                batch.clear();
            }
        }
        suggest.upsert(batch);
        System.out.printf("apply %,d records: %.1f s (process CPU so far %.1f s)%n", n, (System.nanoTime() - start) / 1e9,
                processCpuSeconds());
        start = System.nanoTime();
        suggest.refresh();
        System.out.printf("full refresh: %.1f s; %s (process CPU so far %.1f s)%n", (System.nanoTime() - start) / 1e9,
                suggest.stats(), processCpuSeconds());
        long held = usedHeap() - heapBefore;
        System.out.printf("heap held by the suggestions: ~%,d MB (%,d bytes per record); process CPU so far %.1f s%n",
                held / 1_000_000, held / n, processCpuSeconds());

        batch.clear();
        for (int i = 0; i < 100; i++) {
            batch.add(record(random.nextInt(n), han(random, 8), creators[0], subjects[0], subjects[1]));
        }
        start = System.nanoTime();
        suggest.upsert(batch);
        suggest.refresh();
        System.out.printf("a commit of 100 changed records, applied and refreshed: %.1f s (process CPU so far %.1f s)%n",
                (System.nanoTime() - start) / 1e9, processCpuSeconds());

        String[] queries = new String[20_000];
        for (int i = 0; i < queries.length; i++) {
            queries[i] = switch (i % 4) {
                case 0 -> han(random, 1);
                case 1 -> han(random, 2);
                case 2 -> String.valueOf((char) ('a' + random.nextInt(26)));
                default -> SuggestKeys.of(subjects[random.nextInt(subjects.length)]).get(1).substring(0, 4);
            };
        }
        for (int round = 0; round < 2; round++) {
            long[] nanos = new long[queries.length];
            for (int i = 0; i < queries.length; i++) {
                long t = System.nanoTime();
                suggest.suggest(queries[i], 8);
                nanos[i] = System.nanoTime() - t;
            }
            Arrays.sort(nanos);
            System.out.printf("round %d lookups: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", round,
                    nanos[nanos.length / 2] / 1e6, nanos[nanos.length * 99 / 100] / 1e6, nanos[nanos.length - 1] / 1e6);
        }
        suggest.close();
    }

    private static CanonicalRecord record(int id, String title, String creator, String subject1, String subject2) {
        return CanonicalRecord.builder("scale", Integer.toString(id)).format(RecordFormat.MARCXML).title(title)
                .creator(Creator.of(creator)).subject(subject1).subject(subject2)
                .library("长治市图书馆").datestamp(Instant.EPOCH).build();
    }

    private static String han(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(COMMON.charAt(random.nextInt(COMMON.length())));
        }
        return text.toString();
    }

    private static double processCpuSeconds() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
