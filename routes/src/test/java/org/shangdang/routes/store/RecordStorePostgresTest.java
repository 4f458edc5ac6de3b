package org.shangdang.routes.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.core.io.ClassPathResource;
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
        // Flyway needs its flyway-database-postgresql module for PostgreSQL; the script itself is what is tested.
        try (Connection connection = dataSource.getConnection()) {
            ScriptUtils.executeSqlScript(connection, new ClassPathResource("db/migration/V1__record_store.sql"));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot migrate schema " + schema, e);
        }
        return dataSource;
    }
}
