package org.shangdang.connectors.opera;

/**
 * The opera database could not be read (unreachable, wrong credentials, a missing table): a setup failure
 * that ends the harvest; the message names the source, what was being read and the SQL state.
 */
public class OperaDatabaseException extends RuntimeException {

    public OperaDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
