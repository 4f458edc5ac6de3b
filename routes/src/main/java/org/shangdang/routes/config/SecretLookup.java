package org.shangdang.routes.config;

import java.util.Optional;

/**
 * Where harvests read the secrets of the sources that need them (a cloud's client id and secret), by name.
 * Production reads environment variables only ({@link #environment()}); secrets are never bound from
 * configuration files. Implementations are thread-safe.
 */
@FunctionalInterface
public interface SecretLookup {

    /** The value of the named secret; empty when unset or blank. */
    Optional<String> secret(String name);

    /** The process environment. */
    static SecretLookup environment() {
        return name -> Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
    }
}
