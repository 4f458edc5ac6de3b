package org.shangdang.api.search;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import java.util.Optional;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same search API end to end with {@code shangdang.index.engine=elasticsearch}, against the real
 * Elasticsearch that {@code scripts/elasticsearch.sh start} runs (its URL in {@code target/elasticsearch/url}
 * at the repository root, or {@code $SHANGDANG_ES_URL}). Without one it is skipped with a message, except
 * under {@code CI=true}, where it fails.
 */
@EnabledIf(value = "runs", disabledReason = "no running Elasticsearch (scripts/elasticsearch.sh start, or $SHANGDANG_ES_URL)")
public class ElasticsearchSearchApiIT extends SearchApiContract {

    private static final String ALIAS = "shangdang-api-it-" + UUID.randomUUID().toString().substring(0, 8);
    private static URI url;

    /** Runs where an Elasticsearch answers, and always under CI=true, where a missing one must fail. */
    static boolean runs() throws IOException {
        return "true".equalsIgnoreCase(System.getenv("CI")) || elasticsearchUrl().isPresent();
    }

    @DynamicPropertySource
    static void elasticsearch(DynamicPropertyRegistry registry) throws IOException {
        url = elasticsearchUrl().orElseThrow(() -> new IllegalStateException(
                "no running Elasticsearch (scripts/elasticsearch.sh start, or $SHANGDANG_ES_URL): CI must run these tests"));
        registry.add("shangdang.index.engine", () -> "elasticsearch");
        registry.add("shangdang.index.elasticsearch.url", url::toString);
        registry.add("shangdang.index.elasticsearch.alias", () -> ALIAS);
    }

    @AfterAll
    static void deleteTestIndices() throws Exception {
        if (url == null) {
            return;
        }
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> aliases = http.send(HttpRequest.newBuilder(url.resolve("/_alias/" + ALIAS)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (aliases.statusCode() == 200) {
            http.send(HttpRequest.newBuilder(url.resolve("/" + ALIAS + "-*")).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding());
        }
    }

    /** The running Elasticsearch the tests use, if any: {@code $SHANGDANG_ES_URL} or {@code target/elasticsearch/url}. */
    public static Optional<URI> elasticsearchUrl() throws IOException {
        String env = System.getenv("SHANGDANG_ES_URL");
        if (env != null && !env.isBlank()) {
            return Optional.of(URI.create(env.strip()));
        }
        Path file = Path.of(System.getProperty("user.dir")).resolve("../target/elasticsearch/url").normalize();
        if (Files.isRegularFile(file)) {
            URI fromFile = URI.create(Files.readString(file).strip());
            if (answers(fromFile)) {
                return Optional.of(fromFile);
            }
        }
        return Optional.empty();
    }

    private static boolean answers(URI url) {
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
            return http.send(HttpRequest.newBuilder(url.resolve("/_cluster/health")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
