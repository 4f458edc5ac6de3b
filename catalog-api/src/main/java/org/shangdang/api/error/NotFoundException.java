package org.shangdang.api.error;

/** The resource a reader asked for does not exist; answered as 404 {@code not_found}. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
