package org.shangdang.api.error;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers errors raised before a controller is reached (a malformed URL, an unparsable request) with the
 * same JSON as {@link ApiExceptionHandler}, instead of the container's HTML page.
 */
@RestController
public class JsonErrorController implements ErrorController {

    @RequestMapping(path = "/error", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ApiError> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i && HttpStatus.resolve(i) != null
                ? HttpStatus.valueOf(i)
                : HttpStatus.INTERNAL_SERVER_ERROR;
        String errorCode = switch (status) {
            case NOT_FOUND -> "not_found";
            case METHOD_NOT_ALLOWED -> "method_not_allowed";
            case TOO_MANY_REQUESTS -> "rate_limited";
            default -> status.is4xxClientError() ? "bad_request" : "internal_error";
        };
        String message = status.is4xxClientError()
                ? "the request could not be understood: " + status.getReasonPhrase()
                : "the server failed to answer; the failure is logged";
        return ApiExceptionHandler.answer(status, errorCode, message);
    }
}
