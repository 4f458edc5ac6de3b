package org.shangdang.api.catalog;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.condition.EnabledIf;
import org.shangdang.api.search.ElasticsearchSearchApiIT;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The union-catalog and terminal APIs end to end with {@code shangdang.index.engine=elasticsearch}, against the
 * real Elasticsearch that {@code scripts/elasticsearch.sh start} runs. Without one it is skipped with a message,
 * except under {@code CI=true}, where it fails.
 */
@EnabledIf(value = "runs", disabledReason = "no running Elasticsearch (scripts/elasticsearch.sh start, or $SHANGDANG_ES_URL)")
class ElasticsearchCatalogApiIT extends CatalogApiContract {

    private static final String ALIAS = "shangdang-catalog-it-" + UUID.randomUUID().toString().substring(0, 8);
    private static URI url;

    static boolean runs() throws IOException {
        return "true".equalsIgnoreCase(System.getenv("CI")) || ElasticsearchSearchApiIT.elasticsearchUrl().isPresent();
    }

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
