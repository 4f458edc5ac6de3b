package org.shangdang.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.shangdang.api.admin.ApiClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A low per-client limit over real HTTP: past the burst the search endpoints answer 429 with Retry-After, the
 * client recovers once it has waited, and other clients (a public API key, staff) and other paths are unaffected.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "shangdang.rate-limit.capacity=3",
        "shangdang.rate-limit.refill-per-second=0.2",
        "shangdang.rate-limit.key-capacity=5",
})
class RateLimitIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        String dataDir = Files.createTempDirectory("shangdang-rate-limit").toString();
        registry.add("shangdang.data-dir", () -> dataDir);
        for (String[] property : ApiClient.credentialProperties()) {
            registry.add(property[0], () -> property[1]);
        }
    }

    @LocalServerPort
    int port;

    @Test
    void pastTheBurstAClientGets429WithRetryAfterAndRecoversAfterWaiting() throws Exception {
        ApiClient api = new ApiClient(port);
        HttpResponse<String> limited = null;
        int allowed = 0;
        for (int i = 0; i < 10 && limited == null; i++) {
            HttpResponse<String> response = api.get("/api/search?q=" + i);
            if (response.statusCode() == 429) {
                limited = response;
            } else {
                assertThat(response.statusCode()).isEqualTo(200);
                allowed++;
            }
        }

        assertThat(limited).as("a 429 within 10 quick requests").isNotNull();
        assertThat(allowed).isBetween(3, 4);
        assertThat(ApiClient.errorCode(limited)).isEqualTo("rate_limited");
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 5L);
        assertThat(api.get("/api/records/no-such:record").statusCode()).as("records share the bucket").isEqualTo(429);
        assertThat(api.get("/api/catalog/isbn/9787203063186").statusCode()).as("union-catalog lookups share the bucket")
                .isEqualTo(429);
        assertThat(api.get("/api/terminal/search?q=czs").statusCode()).as("terminal lookups share the bucket")
                .isEqualTo(429);
        assertThat(api.get("/actuator/health").statusCode()).as("health is not limited").isNotEqualTo(429);
        assertThat(api.send(api.request("/api/search?q=key").header("X-Api-Key", ApiClient.PUBLIC_KEY).GET())
                .statusCode()).as("a public key has its own bucket").isEqualTo(200);
        assertThat(api.send(api.request("/api/search?q=staff").header("X-Api-Key", ApiClient.STAFF_KEY).GET())
                .statusCode()).as("staff are not limited").isEqualTo(200);

        Thread.sleep(retryAfter * 1000 + 100);

        assertThat(api.get("/api/search?q=again").statusCode()).isEqualTo(200);
    }
}
