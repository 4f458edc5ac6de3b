package org.shangdang.api.error;

import org.shangdang.indexer.IndexUnavailableException;
import org.shangdang.indexer.InvalidQueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one place where exceptions become HTTP answers. Bad input is a 4xx with a specific message; an
 * unexpected failure is logged with its stack trace and answered with a generic 500 that reveals nothing.
 */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(InvalidQueryException.class)
    ResponseEntity<ApiError> invalidQuery(InvalidQueryException e) {
        return answer(HttpStatus.BAD_REQUEST, "invalid_query", e.getMessage());
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class})
    ResponseEntity<ApiError> invalidParameter(Exception e) {
        return answer(HttpStatus.BAD_REQUEST, "invalid_parameter", e.getMessage());
    }

    @ExceptionHandler({NotFoundException.class, NoResourceFoundException.class})
    ResponseEntity<ApiError> notFound(Exception e) {
        String message = e instanceof NotFoundException ? e.getMessage() : "no such resource";
        return answer(HttpStatus.NOT_FOUND, "not_found", message);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        return answer(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
                "method " + e.getMethod() + " is not allowed here; the public API is read-only");
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ApiError> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return answer(HttpStatus.NOT_ACCEPTABLE, "not_acceptable", "this resource is served as application/json");
    }

    @ExceptionHandler(IndexUnavailableException.class)
    ResponseEntity<ApiError> indexUnavailable(IndexUnavailableException e) {
        log.warn("search index unavailable: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", "10")
                .body(ApiError.of("index_unavailable", "search is temporarily unavailable; try again shortly"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) {
        log.error("unexpected failure while answering a request", e);
        return answer(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "the server failed to answer; the failure is logged");
    }

    static ResponseEntity<ApiError> answer(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).body(ApiError.of(code, message));
    }
}
