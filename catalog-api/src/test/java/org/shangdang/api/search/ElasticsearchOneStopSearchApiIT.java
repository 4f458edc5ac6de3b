package org.shangdang.api.search;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One-stop search and stats end to end with {@code shangdang.index.engine=elasticsearch}, against the real
 * Elasticsearch found as {@link ElasticsearchSearchApiIT} finds it; skipped without one, except under
 * {@code CI=true}, where it fails.
 */
@EnabledIf(value = "org.shangdang.api.search.ElasticsearchSearchApiIT#runs",
        disabledReason = "no running Elasticsearch (scripts/elasticsearch.sh start, or $SHANGDANG_ES_URL)")
class ElasticsearchOneStopSearchApiIT extends OneStopSearchApiContract {

    private static final String ALIAS = "shangdang-one-stop-it-" + UUID.randomUUID().toString().substring(0, 8);
    private static URI url;

    @DynamicPropertySource
    static void elasticsearch(DynamicPropertyRegistry registry) throws IOException {
        url = ElasticsearchSearchApiIT.elasticsearchUrl().orElseThrow(() -> new IllegalStateException(
                "no running Elasticsearch (scripts/elasticsearch.sh start, or $SHANGDANG_ES_URL): CI must run these tests"));
        registry.add("shangdang.index.engine", () -> "elasticsearch");
        registry.add("shangdang.index.elasticsearch.url", url::toString);
        registry.add("shangdang.index.elasticsearch.alias", () -> ALIAS);
    }

    @AfterAll
    static void deleteTestIndices() throws Exception {
        if (url != null) {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(url.resolve("/" + ALIAS + "-*")).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding());
        }
    }
}
