package org.shangdang.connectors.opera;

import java.util.Objects;
import java.util.Optional;

/**
 * How to reach one opera/quyi database.
 *
 * @param sourceId the configured source, e.g. {@code shangdang-opera}; part of every record id
 * @param jdbcUrl a JDBC URL whose driver is on the class path, e.g. {@code jdbc:postgresql://db/opera}
 * @param user the database user; empty to connect without credentials (an embedded H2 database)
 * @param password the user's password; empty when there is none
 * @param pageSize changed rows read per page, 1 to 1000
 */
public record OperaDatabase(String sourceId, String jdbcUrl, Optional<String> user, Optional<String> password,
        int pageSize) {

    public OperaDatabase {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("opera database of source " + sourceId + ": the URL must start with"
                    + " jdbc:; got: " + jdbcUrl);
        }
        user = user == null ? Optional.empty() : user.filter(u -> !u.isBlank());
        password = password == null ? Optional.empty() : password;
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalArgumentException("opera database of source " + sourceId + ": page size must be between"
                    + " 1 and 1000; got: " + pageSize);
        }
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "OperaDatabase[" + sourceId + ", " + jdbcUrl + ", user " + user.orElse("(none)") + "]";
    }
}
