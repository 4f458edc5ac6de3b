package org.shangdang.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The service jar ({@code catalog-api/target/shangdang.jar}) as a child process on an existing index: B5's
 * start-up time to the first answered query, and B2 over HTTP (the query set as {@code GET /api/search} from
 * Java clients). Close to stop the process. Not thread-safe.
 */
final class ServiceBench implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Process process;
    private final URI base;
    private final long startupNanos;
    private final Path log;

    private ServiceBench(Process process, URI base, long startupNanos, Path log) {
        this.process = process;
        this.base = base;
        this.startupNanos = startupNanos;
        this.log = log;
    }

    /**
     * Starts the jar on the index and waits until {@code /api/search?q=长治} answers 200.
     *
     * @param heap e.g. {@code 1g}
     * @throws IllegalStateException when the jar is missing or the service does not answer in time
     */
    static ServiceBench start(Path jar, Path indexDir, Path dataDir, String heap) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no service jar at " + jar + ": build it with "
                    + "`mvn -B -q -o install -DskipTests -pl catalog-api -am`");
        }
        int port = freePort();
        Path log = dataDir.resolve("service.log");
        try {
            Files.createDirectories(dataDir);
            long started = System.nanoTime();
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + heap, "-jar", jar.toString(),
                    "--server.port=" + port,
                    "--shangdang.data-dir=" + dataDir,
                    "--shangdang.index.dir=" + indexDir,
                    // One client address sends every request: the per-client token bucket would answer 429.
                    "--shangdang.rate-limit.enabled=false")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            URI base = URI.create("http://127.0.0.1:" + port);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpRequest probe = HttpRequest.newBuilder(base.resolve("/api/search?q=%E9%95%BF%E6%B2%BB"))
                    .timeout(Duration.ofSeconds(10)).build();
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the service exited with " + process.exitValue() + " before answering; see " + log);
                }
                if (System.nanoTime() - started > START_TIMEOUT.toNanos()) {
                    process.destroyForcibly();
                    throw new IllegalStateException("the service did not answer within " + START_TIMEOUT + "; see " + log);
                }
                try {
                    if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return new ServiceBench(process, base, System.nanoTime() - started, log);
                    }
                } catch (IOException notYet) {
                    // Not listening yet.
                }
                Thread.sleep(50);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + jar + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the service", e);
        }
    }

    long startupNanos() {
        return startupNanos;
    }

    URI base() {
        return base;
    }

    /** The query set over HTTP at each client count, one Java HTTP client per thread. */
    List<Latency.Result> search(QuerySet queries, List<Integer> clientCounts) {
        ThreadLocal<HttpClient> clients = ThreadLocal.withInitial(() -> HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build());
        Latency.Runner runner = q -> {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/search?" + q.urlQuery()))
                    .timeout(Duration.ofSeconds(30)).build();
            HttpResponse<String> response = clients.get().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode() + " for " + q.urlQuery());
            }
            return response.body().contains("\"total\":0,") ? 0 : 1;
        };
        Latency.warmUp(queries.queries(), 1_000, runner);
        List<Latency.Result> results = new ArrayList<>();
        for (int clients2 : clientCounts) {
            results.add(Latency.measure("service over HTTP (GET /api/search)", queries.queries(), clients2, runner));
        }
        return results;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    Path log() {
        return log;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port: " + e.getMessage(), e);
        }
    }
}
