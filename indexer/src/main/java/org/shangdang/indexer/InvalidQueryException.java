package org.shangdang.indexer;

/** The reader's query or a parameter cannot be searched; the message says which value and why. */
public class InvalidQueryException extends RuntimeException {

    public InvalidQueryException(String message) {
        super(message);
    }
}
