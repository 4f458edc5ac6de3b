package org.shangdang.api.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.shangdang.api.error.ApiError;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the API's JSON error body ({@link ApiError}) from servlet filters, which answer before any controller
 * (and so before {@link org.shangdang.api.error.ApiExceptionHandler}) is reached. Thread-safe.
 */
public final class JsonErrors {

    private final JsonMapper json;

    public JsonErrors(JsonMapper json) {
        this.json = json;
    }

    /** Sets the status and writes {@code {"error": {"code": …, "message": …}}}; headers must be set before. */
    public void write(HttpServletResponse response, int status, String code, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getOutputStream().write(json.writeValueAsBytes(ApiError.of(code, message)));
        response.flushBuffer();
    }
}
