package org.shangdang.routes.config;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How to read one opera/quyi database over JDBC ({@code shangdang.sources[].jdbc}). Credentials never sit in
 * configuration: the properties name the environment variables that hold them. Validated by the
 * {@link SourceProperties} that holds it, so that messages can name the source.
 *
 * @param url the JDBC URL, e.g. {@code jdbc:postgresql://db.example.cn/opera}; its driver must be on the class
 *     path (H2 is; add PostgreSQL's or MySQL's for those); must not hold a password; required
 * @param userEnv the environment variable holding the database user, e.g. {@code OPERA_DB_USER}; absent: none
 * @param passwordEnv the environment variable holding the password, e.g. {@code OPERA_DB_PASSWORD}; absent: none
 * @param pageSize changed works and recordings read per page (and committed together), 1 to 1000; default 200
 */
public record JdbcProperties(
        String url,
        String userEnv,
        String passwordEnv,
        @DefaultValue("200") int pageSize) {
}
