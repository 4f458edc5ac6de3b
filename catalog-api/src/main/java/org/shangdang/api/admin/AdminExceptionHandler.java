package org.shangdang.api.admin;

import org.shangdang.api.error.ApiError;
import org.shangdang.routes.HarvestAlreadyRunningException;
import org.shangdang.routes.SourceCircuitOpenException;
import org.shangdang.routes.UnknownSourceException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The staff API's own failures as JSON errors; anything else falls through to
 * {@link org.shangdang.api.error.ApiExceptionHandler}.
 */
@RestControllerAdvice(assignableTypes = AdminController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AdminExceptionHandler {

    @ExceptionHandler(UnknownSourceException.class)
    ResponseEntity<ApiError> unknownSource(UnknownSourceException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiError.of("not_found", e.getMessage()));
    }

    @ExceptionHandler(HarvestAlreadyRunningException.class)
    ResponseEntity<ApiError> alreadyRunning(HarvestAlreadyRunningException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(ApiError.of("harvest_running", e.getMessage()));
    }

    /** 409: the harvest would conflict with the source's circuit breaker; {@code force=true} overrides it. */
    @ExceptionHandler(SourceCircuitOpenException.class)
    ResponseEntity<ApiError> circuitOpen(SourceCircuitOpenException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(ApiError.of("circuit_open", e.getMessage()));
    }

    @ExceptionHandler(JobNotRunningException.class)
    ResponseEntity<ApiError> notRunning(JobNotRunningException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(ApiError.of("job_not_running", e.getMessage()));
    }

    @ExceptionHandler(InvalidAdminRequestException.class)
    ResponseEntity<ApiError> invalid(InvalidAdminRequestException e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(ApiError.of("invalid_parameter", e.getMessage()));
    }
}
