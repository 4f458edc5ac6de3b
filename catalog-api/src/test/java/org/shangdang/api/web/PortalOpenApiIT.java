package org.shangdang.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The OpenAPI document and Swagger UI served by the running application, and the portal's entry page. */
class PortalOpenApiIT extends PortalTestApp {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void openApiDocumentDescribesEveryJsonEndpoint() throws Exception {
        HttpResponse<String> response = get("/v3/api-docs");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode doc = json.readTree(response.body());

        assertThat(doc.get("openapi").asString()).startsWith("3.");
        JsonNode paths = doc.get("paths");
        assertThat(paths.propertyNames()).containsExactlyInAnyOrder("/api/search", "/api/records/{id}", "/api/suggest",
                "/api/works", "/api/works/{workId}", "/api/availability",
                "/api/admin/sources", "/api/admin/sources/{id}", "/api/admin/sources/{id}/harvest", "/api/admin/harvest",
                "/api/admin/jobs", "/api/admin/jobs/{id}", "/api/admin/jobs/{id}/stop", "/api/admin/jobs/{id}/rejects",
                "/api/admin/jobs/{id}/rejects/retry", "/api/admin/rejects/{id}/payload",
                "/api/catalog/works/{id}", "/api/catalog/isbn/{isbn}", "/api/catalog/barcode/{barcode}",
                "/api/catalog/callnumber", "/api/terminal/search", "/api/terminal/isbn/{isbn}",
                "/api/terminal/barcode/{barcode}", "/api/terminal/availability");
        JsonNode search = paths.get("/api/search").get("get");
        assertThat(search.get("parameters").valueStream().map(p -> p.get("name").asString()))
                .contains("q", "page", "size", "source", "library", "county", "kind", "language", "year")
                .doesNotContain("params");
        assertThat(search.get("responses").get("200").get("content").has("application/json")).isTrue();
        assertThat(search.get("responses").has("400")).isTrue();
        assertThat(paths.get("/api/records/{id}").get("get").get("responses").has("404")).isTrue();
        assertThat(paths.get("/api/works/{workId}").get("get").get("responses").has("404")).isTrue();
        for (String lookup : List.of("/api/catalog/works/{id}", "/api/catalog/isbn/{isbn}", "/api/catalog/barcode/{barcode}",
                "/api/terminal/isbn/{isbn}", "/api/terminal/barcode/{barcode}", "/api/terminal/availability")) {
            JsonNode responses = paths.get(lookup).get("get").get("responses");
            assertThat(responses.has("400")).as(lookup).isTrue();
            assertThat(responses.has("404")).as(lookup).isTrue();
        }
        assertThat(paths.get("/api/terminal/search").get("get").get("responses").get("200").get("content")
                .has("application/json")).isTrue();
        assertThat(doc.get("components").get("schemas").has("SuggestResponse")).isTrue();
    }

    @Test
    void swaggerUiServesTheInteractiveDocumentationFromTheJar() throws Exception {
        HttpResponse<String> ui = get("/swagger-ui.html");

        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui");
        HttpResponse<String> config = get("/v3/api-docs/swagger-config");
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.body()).contains("/v3/api-docs");
    }

    @Test
    void portalIsServedAtTheRootInChinese() throws Exception {
        HttpResponse<String> page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
        assertThat(page.body()).contains("lang=\"zh-CN\"").contains("检索").doesNotContain("https://");
        assertThat(get("/portal/search.js").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
