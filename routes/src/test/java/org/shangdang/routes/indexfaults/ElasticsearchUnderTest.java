package org.shangdang.routes.indexfaults;

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
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Elasticsearch of the tests, found as the indexer's tests find it: system property
 * {@value #PROPERTY}, environment variable {@value #ENV}, or the file {@code target/elasticsearch/url}
 * that {@code scripts/elasticsearch.sh start} writes at the repository root. Without one the calling test
 * is skipped with a message, except under {@code CI=true}, where it fails: CI must run it.
 */
final class ElasticsearchUnderTest {

    static final String PROPERTY = "shangdang.elasticsearch.url";
    static final String ENV = "SHANGDANG_ES_URL";
    private static final String URL_FILE = "target/elasticsearch/url";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern INDEX_OF_ALIAS = Pattern.compile("\"([^\"]+)\"\\s*:\\s*\\{\\s*\"aliases\"");

    private ElasticsearchUnderTest() {}

    static URI requireUrl() {
        Optional<String> explicit = Optional.ofNullable(System.getProperty(PROPERTY)).filter(s -> !s.isBlank())
                .or(() -> Optional.ofNullable(System.getenv(ENV)).filter(s -> !s.isBlank()));
        if (explicit.isPresent()) {
            return URI.create(explicit.get().strip());
        }
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (int up = 0; up < 3 && dir != null; up++, dir = dir.getParent()) {
            Path file = dir.resolve(URL_FILE);
            if (Files.isRegularFile(file)) {
                URI url = URI.create(read(file).strip());
                if (answers(url)) {
                    return url;
                }
                return absent("Elasticsearch at " + url + " (from " + file + ") does not answer; "
                        + "run scripts/elasticsearch.sh start");
            }
        }
        return absent("no Elasticsearch configured (-D" + PROPERTY + ", $" + ENV + " or " + URL_FILE
                + " from scripts/elasticsearch.sh start)");
    }

    /** Deletes every index behind the alias; nothing when there is none. */
    static void deleteIndices(URI url, String alias) {
        HttpResponse<String> aliases = send(HttpRequest.newBuilder(url.resolve("/_alias/" + alias)).GET());
        if (aliases.statusCode() != 200) {
            return;
        }
        Matcher index = INDEX_OF_ALIAS.matcher(aliases.body());
        while (index.find()) {
            send(HttpRequest.newBuilder(url.resolve("/" + index.group(1))).DELETE());
        }
    }

    private static URI absent(String reason) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(reason + "; under CI=true the Elasticsearch tests must run");
        }
        Assumptions.abort(reason + ": skipping the Elasticsearch test");
        throw new AssertionError("unreachable");
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
