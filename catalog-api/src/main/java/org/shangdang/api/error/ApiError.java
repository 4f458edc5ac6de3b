package org.shangdang.api.error;

/**
 * The body of every error answer: {@code {"error": {"code": "invalid_query", "message": "…"}}}.
 * Codes are stable and few; messages are for people and name the bad value.
 */
public record ApiError(Detail error) {

    public record Detail(String code, String message) {}

    public static ApiError of(String code, String message) {
        return new ApiError(new Detail(code, message));
    }
}
