package org.shangdang.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shangdang.api.admin.ApiClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The security rules over real HTTP: every staff endpoint needs a staff credential (401 without, 403 with a public
 * key), public endpoints stay open and read-only, CORS answers the configured portal only, and no secret reaches
 * the logs even at TRACE.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "logging.level.org.springframework.security=TRACE",
        "logging.level.org.shangdang=DEBUG",
        "shangdang.cors.allowed-origins=https://portal.czlib.example",
})
@ExtendWith(OutputCaptureExtension.class)
class SecurityIT {

    /** Every staff endpoint, as method and path. */
    static final List<String[]> STAFF_ENDPOINTS = List.of(
            new String[] {"GET", "/api/admin/sources"},
            new String[] {"GET", "/api/admin/sources/changzhi-city"},
            new String[] {"POST", "/api/admin/sources/changzhi-city/harvest?mode=full"},
            new String[] {"POST", "/api/admin/harvest"},
            new String[] {"GET", "/api/admin/jobs"},
            new String[] {"GET", "/api/admin/jobs/1"},
            new String[] {"POST", "/api/admin/jobs/1/stop"},
            new String[] {"GET", "/api/admin/jobs/1/rejects"},
            new String[] {"POST", "/api/admin/jobs/1/rejects/retry"},
            new String[] {"GET", "/api/admin/rejects/1/payload"},
            new String[] {"GET", "/admin/"},
            new String[] {"GET", "/actuator/prometheus"},
            new String[] {"GET", "/actuator/metrics"});

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        String dataDir = Files.createTempDirectory("shangdang-security").toString();
        registry.add("shangdang.data-dir", () -> dataDir);
        for (String[] property : ApiClient.credentialProperties()) {
            registry.add(property[0], () -> property[1]);
        }
    }

    @LocalServerPort
    int port;

    private ApiClient api() {
        return new ApiClient(port);
    }

    @Test
    void everyStaffEndpointAnswers401WithAChallengeWithoutCredentials() throws Exception {
        for (String[] endpoint : STAFF_ENDPOINTS) {
            HttpResponse<String> response = api().send(api().request(endpoint[1])
                    .method(endpoint[0], HttpRequest.BodyPublishers.noBody()));

            assertThat(response.statusCode()).as(endpoint[0] + " " + endpoint[1]).isEqualTo(401);
            assertThat(ApiClient.errorCode(response)).as(endpoint[1]).isEqualTo("unauthorized");
            assertThat(response.headers().allValues("WWW-Authenticate")).as(endpoint[1])
                    .anyMatch(v -> v.startsWith("Basic realm=")).anyMatch(v -> v.startsWith("Bearer realm="));
        }
    }

    @Test
    void everyStaffEndpointAnswers403WithAPublicKey() throws Exception {
        for (String[] endpoint : STAFF_ENDPOINTS) {
            HttpResponse<String> response = api().send(api().request(endpoint[1])
                    .header("X-Api-Key", ApiClient.PUBLIC_KEY)
                    .method(endpoint[0], HttpRequest.BodyPublishers.noBody()));

            assertThat(response.statusCode()).as(endpoint[0] + " " + endpoint[1]).isEqualTo(403);
            assertThat(ApiClient.errorCode(response)).as(endpoint[1]).isEqualTo("forbidden");
        }
    }

    @Test
    void eachKindOfStaffCredentialReachesTheStaffApi() throws Exception {
        List<HttpRequest.Builder> requests = List.of(
                api().request("/api/admin/sources").header("X-Api-Key", ApiClient.STAFF_KEY),
                api().request("/api/admin/sources").header("Authorization", "Bearer " + ApiClient.STAFF_KEY),
                api().request("/api/admin/sources")
                        .header("Authorization", ApiClient.basic(ApiClient.STAFF_USER, ApiClient.STAFF_PASSWORD)));

        for (HttpRequest.Builder request : requests) {
            HttpResponse<String> response = api().send(request.GET());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(ApiClient.json(response).isArray()).isTrue();
        }
        assertThat(api().staffGet("/actuator/prometheus").statusCode()).isEqualTo(200);
    }

    @Test
    void wrongSecretsAnswer401EvenOnPublicPaths() throws Exception {
        List<HttpRequest.Builder> wrong = List.of(
                api().request("/api/admin/sources").header("X-Api-Key", ApiClient.STAFF_KEY + "x"),
                api().request("/api/admin/sources").header("Authorization", "Bearer nonsense"),
                api().request("/api/admin/sources").header("Authorization", ApiClient.basic(ApiClient.STAFF_USER, "guess")),
                api().request("/api/admin/sources").header("Authorization", ApiClient.basic("nobody", ApiClient.STAFF_PASSWORD)),
                api().request("/api/admin/sources").header("Authorization", "Basic !!!not-base64"),
                api().request("/api/search?q=x").header("X-Api-Key", "revoked-key"));

        for (HttpRequest.Builder request : wrong) {
            HttpResponse<String> response = api().send(request.GET());
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(ApiClient.errorCode(response)).isEqualTo("unauthorized");
        }
    }

    @Test
    void publicEndpointsAreOpenToReadAndAnswer405ToWrites() throws Exception {
        assertThat(api().get("/api/search?q=x").statusCode()).isEqualTo(200);
        assertThat(api().send(api().request("/api/search?q=x").method("HEAD", HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(200);
        assertThat(api().get("/actuator/health").statusCode()).isIn(200, 503);

        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            for (String path : List.of("/api/search", "/api/records/changzhi-city:x", "/api/suggest", "/", "/sru")) {
                HttpResponse<String> response = api().send(api().request(path)
                        .method(method, HttpRequest.BodyPublishers.ofString("{}")));

                assertThat(response.statusCode()).as(method + " " + path).isEqualTo(405);
                assertThat(ApiClient.errorCode(response)).isEqualTo("method_not_allowed");
                assertThat(response.headers().firstValue("Allow")).contains("GET, HEAD, OPTIONS");
            }
        }
    }

    @Test
    void aStaffWriteSentByABrowserFromAnotherSiteIsRefused() throws Exception {
        HttpResponse<String> forged = api().send(api().asStaff("/api/admin/harvest")
                .header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(ApiClient.errorCode(forged)).isEqualTo("cross_site_request");
    }

    @Test
    void corsPreflightIsAnsweredForTheConfiguredPortalOnly() throws Exception {
        HttpResponse<String> allowed = api().send(api().request("/api/search?q=x")
                .header("Origin", "https://portal.czlib.example")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "X-Api-Key")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> other = api().send(api().request("/api/search?q=x")
                .header("Origin", "https://elsewhere.example")
                .header("Access-Control-Request-Method", "GET")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> staff = api().send(api().request("/api/admin/sources")
                .header("Origin", "https://portal.czlib.example")
                .header("Access-Control-Request-Method", "GET")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> read = api().send(api().request("/api/search?q=x")
                .header("Origin", "https://portal.czlib.example").GET());

        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains("https://portal.czlib.example");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("GET")
                .doesNotContain("POST");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
                .contains("x-api-key");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(staff.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).contains("https://portal.czlib.example");
    }

    @Test
    void noSecretReachesTheLogsDuringAuthenticationAttempts(CapturedOutput output) throws Exception {
        String wrongPassword = "wrong-password-Lm55";
        String wrongKey = "wrong-key-Pp31";
        api().send(api().request("/api/admin/sources")
                .header("Authorization", ApiClient.basic(ApiClient.STAFF_USER, ApiClient.STAFF_PASSWORD)).GET());
        api().send(api().request("/api/admin/sources")
                .header("Authorization", ApiClient.basic(ApiClient.STAFF_USER, wrongPassword)).GET());
        api().send(api().request("/api/admin/sources").header("X-Api-Key", ApiClient.STAFF_KEY).GET());
        api().send(api().request("/api/admin/sources").header("Authorization", "Bearer " + wrongKey).GET());
        api().send(api().request("/api/admin/jobs").header("X-Api-Key", ApiClient.PUBLIC_KEY).GET());
        api().send(api().request("/api/search?q=x").header("X-Api-Key", ApiClient.PUBLIC_KEY).GET());

        String logs = output.getAll();
        assertThat(logs).as("security logging was on while the requests ran").contains("Securing GET /api/admin/sources");
        for (String secret : List.of(ApiClient.STAFF_PASSWORD, wrongPassword, ApiClient.STAFF_KEY, wrongKey,
                ApiClient.PUBLIC_KEY, base64(ApiClient.STAFF_USER + ":" + ApiClient.STAFF_PASSWORD),
                base64(ApiClient.STAFF_USER + ":" + wrongPassword))) {
            assertThat(logs).doesNotContain(secret);
        }
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
