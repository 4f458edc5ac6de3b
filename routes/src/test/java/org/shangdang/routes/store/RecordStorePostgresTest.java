package org.shangdang.routes.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * The record store's tests again on a real PostgreSQL, proving the migration and the MERGE statements
 * portable. Runs only when {@code -Dshangdang.test.postgres=jdbc:postgresql://host:port/db?user=…} names
 * a PostgreSQL 15+ database it may create schemas in; each test gets a new schema.
 */
class RecordStorePostgresTest extends RecordStoreTest {

    private static final String URL_PROPERTY = "shangdang.test.postgres";

    @Override
    protected DataSource migratedDataSource() {
        String url = System.getProperty(URL_PROPERTY, "");
        assumeTrue(!url.isBlank(), "-D" + URL_PROPERTY + " not set: skipping the record store tests on PostgreSQL");
        String schema = "store_" + UUID.randomUUID().toString().replace("-", "");
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + schema + " in " + url, e);
        }
        dataSource.setCurrentSchema(schema);
        // Flyway needs its flyway-database-postgresql module for PostgreSQL; the scripts themselves are what is
        // tested, every one of them, in version order as Flyway would run them.
        try (Connection connection = dataSource.getConnection()) {
            for (Resource script : migrations()) {
                ScriptUtils.executeSqlScript(connection, script);
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot migrate schema " + schema, e);
        }
        return dataSource;
    }

    private static List<Resource> migrations() throws IOException {
        Resource[] scripts = new PathMatchingResourcePatternResolver().getResources("classpath:db/migration/V*__*.sql");
        return Arrays.stream(scripts)
                .sorted(Comparator.comparingInt(r -> Integer.parseInt(
                        Objects.requireNonNull(r.getFilename()).substring(1, r.getFilename().indexOf("__")))))
                .toList();
    }
}
