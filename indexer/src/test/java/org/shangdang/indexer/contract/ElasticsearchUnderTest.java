package org.shangdang.indexer.contract;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real Elasticsearch the tests run against, found in this order: system property
 * {@value #PROPERTY}, environment variable {@value #ENV}, or the file {@code target/elasticsearch/url}
 * that {@code scripts/elasticsearch.sh start} writes at the repository root. Without one, tests that need
 * it are skipped with a message, except under {@code CI=true}, where they fail: CI must run them.
 */
public final class ElasticsearchUnderTest {

    public static final String PROPERTY = "shangdang.elasticsearch.url";
    public static final String ENV = "SHANGDANG_ES_URL";
    private static final String URL_FILE = "target/elasticsearch/url";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ElasticsearchUnderTest() {}

    /**
     * The cluster's URL; skips the calling test (fails it under CI=true) when none is configured or the
     * one the script left behind does not answer.
     */
    public static URI requireUrl() {
        Optional<String> explicit = Optional.ofNullable(System.getProperty(PROPERTY)).filter(s -> !s.isBlank())
                .or(() -> Optional.ofNullable(System.getenv(ENV)).filter(s -> !s.isBlank()));
        if (explicit.isPresent()) {
            // Configured on purpose: a cluster that does not answer is a failure, not a reason to skip.
            return URI.create(explicit.get().strip());
        }
        Optional<Path> file = urlFile();
        if (file.isPresent()) {
            URI url = URI.create(read(file.get()).strip());
            if (answers(url)) {
                return url;
            }
            return absent("Elasticsearch at " + url + " (from " + file.get() + ") does not answer; "
                    + "run scripts/elasticsearch.sh start");
        }
        return absent("no Elasticsearch configured (-D" + PROPERTY + ", $" + ENV + " or " + URL_FILE
                + " from scripts/elasticsearch.sh start)");
    }

    /** An alias no other test run uses. */
    public static String uniqueAlias(String purpose) {
        return ("shangdang-test-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
    }

    /** Deletes every index behind the alias (and so the alias); nothing when there is none. */
    public static void deleteIndices(URI url, String alias) {
        HttpResponse<String> aliases = send(HttpRequest.newBuilder(url.resolve("/_alias/" + alias)).GET());
        if (aliases.statusCode() == 404) {
            return;
        }
        List<String> indices = new ArrayList<>();
        JSON.readTree(aliases.body()).properties().forEach(e -> indices.add(e.getKey()));
        for (String index : indices) {
            HttpResponse<String> deleted = send(HttpRequest.newBuilder(url.resolve("/" + index)).DELETE());
            if (deleted.statusCode() != 200 && deleted.statusCode() != 404) {
                throw new IllegalStateException("cannot delete test index " + index + ": " + deleted.body());
            }
        }
    }

    /** The index names behind the alias. */
    public static List<String> indicesOf(URI url, String alias) {
        HttpResponse<String> aliases = send(HttpRequest.newBuilder(url.resolve("/_alias/" + alias)).GET());
        List<String> indices = new ArrayList<>();
        if (aliases.statusCode() == 200) {
            JsonNode body = JSON.readTree(aliases.body());
            body.properties().forEach(e -> indices.add(e.getKey()));
        }
        return indices;
    }

    private static URI absent(String reason) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(reason + "; under CI=true the Elasticsearch tests must run");
        }
        Assumptions.abort(reason + ": skipping the Elasticsearch tests");
        throw new AssertionError("unreachable");
    }

    private static Optional<Path> urlFile() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (int up = 0; up < 3 && dir != null; up++, dir = dir.getParent()) {
            Path candidate = dir.resolve(URL_FILE);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static boolean answers(URI url) {
        try {
            return send(HttpRequest.newBuilder(url.resolve("/_cluster/health")).GET()).statusCode() == 200;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
