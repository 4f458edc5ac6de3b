package org.shangdang.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Search latency over HTTP against a running service: sends N queries (a fixed mix of Chinese words,
 * traditional forms, ISBNs, facet filters and blank queries) one after another after 100 warm-up queries, and
 * prints p50/p90/p99/max. The walking skeleton's benchmark, kept so its figures stay comparable; the city-scale
 * query set is {@code Bench http}.
 *
 * <p>{@code java -cp bench/target/shangdang-bench.jar org.shangdang.bench.SearchLatency http://localhost:8080 1000}
 * or {@code java -jar bench/target/shangdang-bench.jar latency http://localhost:8080 1000}.
 */
public final class SearchLatency {

    private static final List<String> QUERIES = List.of(
            "q=上党梆子", "q=長治", "q=长治", "q=太行精神", "q=八路军", "q=女娲补天", "q=古建筑", "q=上黨",
            "q=鼓书", "q=赵树理", "q=长子", "q=抗日根据地", "q=山西人民出版社", "q=戏曲 长治", "q=\"上党梆子\"",
            "q=", "q=&county=长子县", "q=&kind=book", "q=历史&source=changzhi-city", "q=黎侯虎", "q=堆锦",
            "q=秧歌", "q=精卫填海", "q=晋商", "q=民间艺术&page=2", "q=文物", "q=太行山&size=20", "q=神话",
            "q=潞安", "q=沁州三弦书");

    private SearchLatency() {
    }

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://localhost:8080";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        for (int i = 0; i < 100; i++) {
            send(http, base, QUERIES.get(i % QUERIES.size()));
        }
        long[] nanos = new long[n];
        int errors = 0;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            int status = send(http, base, QUERIES.get(i % QUERIES.size()));
            nanos[i] = System.nanoTime() - t0;
            if (status != 200) {
                errors++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(nanos);
        System.out.printf("queries=%d errors=%d throughput=%.0f q/s (one client)%n", n, errors, n / seconds);
        System.out.printf("p50=%.2f ms p90=%.2f ms p99=%.2f ms max=%.2f ms%n",
                ms(nanos, 0.50), ms(nanos, 0.90), ms(nanos, 0.99), nanos[n - 1] / 1e6);
        if (errors > 0) {
            System.exit(1);
        }
    }

    private static int send(HttpClient http, String base, String query) throws Exception {
        List<String> parts = new ArrayList<>();
        for (String kv : query.split("&")) {
            int eq = kv.indexOf('=');
            String value = kv.substring(eq + 1);
            parts.add(kv.substring(0, eq + 1) + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/search?" + String.join("&", parts)))
                .timeout(Duration.ofSeconds(10)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static double ms(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }
}
