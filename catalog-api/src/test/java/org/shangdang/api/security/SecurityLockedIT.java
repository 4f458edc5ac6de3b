package org.shangdang.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shangdang.api.admin.ApiClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The demo profile with no secret configured: the service starts and serves search, and the staff API is locked
 * (401 to any credential) instead of open or protected by a generated password.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@ExtendWith(OutputCaptureExtension.class)
class SecurityLockedIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        String dataDir = Files.createTempDirectory("shangdang-locked").toString();
        registry.add("shangdang.data-dir", () -> dataDir);
        registry.add("shangdang.harvest.on-startup", () -> "false");
    }

    @LocalServerPort
    int port;

    @Test
    void withoutAnySecretTheDemoServesSearchAndLocksTheStaffApi(CapturedOutput output) throws Exception {
        ApiClient api = new ApiClient(port);

        HttpResponse<String> search = api.get("/api/search?q=x");
        HttpResponse<String> anonymous = api.get("/api/admin/sources");
        HttpResponse<String> guessed = api.send(api.request("/api/admin/sources")
                .header("Authorization", ApiClient.basic("staff", "staff")).GET());
        HttpResponse<String> key = api.staffGet("/api/admin/sources");

        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(guessed.statusCode()).isEqualTo(401);
        assertThat(key.statusCode()).isEqualTo(401);
        assertThat(output.getAll()).doesNotContainIgnoringCase("generated security password");
    }
}
