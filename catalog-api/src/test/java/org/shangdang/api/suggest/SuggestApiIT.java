package org.shangdang.api.suggest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shangdang.api.web.PortalTestApp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code /api/suggest} over real HTTP, on suggestions built from the harvested fixture catalogues. */
class SuggestApiIT extends PortalTestApp {

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    void suggestionsCatchUpWithTheHarvest() throws Exception {
        // Commits queue a background rebuild; it follows within moments.
        long deadline = System.currentTimeMillis() + 15_000;
        while (texts("sdbz").isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
    }

    @Test
    void pinyinInitialsFullPinyinAndCharactersCompleteToTheChineseTerm() throws Exception {
        assertThat(texts("sdbz")).contains("上党梆子");
        assertThat(texts("shangdang")).contains("上党梆子");
        assertThat(texts("shang dang")).contains("上党梆子");
        assertThat(texts("上党")).contains("上党梆子").allMatch(t -> t.startsWith("上党"));
    }

    @Test
    void traditionalCharactersCompleteLikeSimplifiedOnes() throws Exception {
        List<String> traditional = texts("長治");

        assertThat(traditional).isNotEmpty().isEqualTo(texts("长治")).allMatch(t -> t.startsWith("长治") || t.startsWith("長治"));
    }

    @Test
    void eachSuggestionSaysItsKindCountAndPinyin() throws Exception {
        JsonNode first = getOk("/api/suggest?size=3&q=sdbz").get("suggestions").get(0);

        assertThat(first.get("text").asString()).isEqualTo("上党梆子");
        assertThat(first.get("kind").asString()).isIn("title", "creator", "subject");
        assertThat(first.get("count").asInt()).isPositive();
        assertThat(first.get("pinyin").asString()).isEqualTo("shang dang bang zi");
        assertThat(getOk("/api/suggest?size=3&q=sdbz").get("suggestions").size()).isLessThanOrEqualTo(3);
    }

    @Test
    void rankedByHowManyRecordsCarryTheTerm() throws Exception {
        JsonNode suggestions = getOk("/api/suggest?size=10&q=" + enc("长治")).get("suggestions");
        // Equal kinds: more records first.
        for (int i = 1; i < suggestions.size(); i++) {
            JsonNode before = suggestions.get(i - 1);
            JsonNode after = suggestions.get(i);
            if (before.get("kind").equals(after.get("kind"))) {
                assertThat(before.get("count").asInt()).isGreaterThanOrEqualTo(after.get("count").asInt());
            }
        }
    }

    @Test
    void hostileInputIsA400WithAJsonError() throws Exception {
        for (String path : List.of(
                "/api/suggest?q=" + enc("长".repeat(600)),
                "/api/suggest?q=" + "x".repeat(3000),
                "/api/suggest?q=" + enc("上党\u0000"),
                "/api/suggest?q=" + enc("\u001b[2J"),
                "/api/suggest?q=x&size=0",
                "/api/suggest?q=x&size=abc",
                "/api/suggest?q=x&size=21")) {
            String shown = path.length() <= 60 ? path : path.substring(0, 60) + "…";
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(shown).isEqualTo(400);
            JsonNode error = json.readTree(response.body()).get("error");
            assertThat(error.get("code").asString()).as(shown).isEqualTo("invalid_query");
            assertThat(error.get("message").asString()).as(shown).isNotBlank().doesNotContain("Exception");
        }
    }

    @Test
    void oddButHarmlessInputSuggestsNothingRatherThanFailing() throws Exception {
        for (String q : List.of("", "   ", "*:*", "\"", "😀", "<script>alert(1)</script>", "((((")) {
            HttpResponse<String> response = get("/api/suggest?q=" + enc(q));
            assertThat(response.statusCode()).as(q).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        }
    }

    private List<String> texts(String q) throws Exception {
        return getOk("/api/suggest?size=10&q=" + enc(q)).get("suggestions").valueStream()
                .map(s -> s.get("text").asString()).toList();
    }

    private JsonNode getOk(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path + " → " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
