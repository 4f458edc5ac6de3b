package org.shangdang.api.admin;

/** A staff request with a bad parameter; answered 400 {@code invalid_parameter} with the message. */
class InvalidAdminRequestException extends RuntimeException {

    InvalidAdminRequestException(String message) {
        super(message);
    }
}
