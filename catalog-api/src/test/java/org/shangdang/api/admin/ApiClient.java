package org.shangdang.api.admin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP calls to the application under test, with or without a credential. Thread-safe. */
public final class ApiClient {

    /** A staff user's password, a staff API key and a public API key used by the tests. */
    public static final String STAFF_USER = "librarian";
    public static final String STAFF_PASSWORD = "staff-password-7Hq2";
    public static final String STAFF_KEY = "staff-key-Zx81mK";
    public static final String PUBLIC_KEY = "public-key-Qw93nB";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final int port;

    public ApiClient(int port) {
        this.port = port;
    }

    /** The hash to configure for a secret; bcrypt at the lowest cost, to keep tests fast. */
    public static String hash(String secret) {
        return "{bcrypt}" + new BCryptPasswordEncoder(4).encode(secret);
    }

    /** Spring properties that configure the tests' credentials. */
    public static String[][] credentialProperties() {
        return new String[][] {
            {"shangdang.security.users[0].name", STAFF_USER},
            {"shangdang.security.users[0].password-hash", hash(STAFF_PASSWORD)},
            {"shangdang.security.users[0].role", "staff"},
            {"shangdang.security.api-keys[0].name", "staff-tool"},
            {"shangdang.security.api-keys[0].hash", hash(STAFF_KEY)},
            {"shangdang.security.api-keys[0].role", "staff"},
            {"shangdang.security.api-keys[1].name", "portal"},
            {"shangdang.security.api-keys[1].hash", hash(PUBLIC_KEY)},
            {"shangdang.security.api-keys[1].role", "public"},
        };
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    public HttpRequest.Builder asStaff(String path) {
        return request(path).header("X-Api-Key", STAFF_KEY);
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> sendForBytes(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    public HttpResponse<String> staffGet(String path) throws IOException, InterruptedException {
        return send(asStaff(path).GET());
    }

    public HttpResponse<String> staffPost(String path) throws IOException, InterruptedException {
        return send(asStaff(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** The error code of a JSON error answer. */
    public static String errorCode(HttpResponse<String> response) {
        return json(response).get("error").get("code").asString();
    }
}
