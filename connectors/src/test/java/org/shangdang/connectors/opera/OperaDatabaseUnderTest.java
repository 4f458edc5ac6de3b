package org.shangdang.connectors.opera;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import org.shangdang.fixtures.OperaDatabaseFixture;

/**
 * A fresh in-memory H2 database seeded from the fixture SQL, kept alive by an open connection until
 * {@link #close()}.
 */
final class OperaDatabaseUnderTest implements AutoCloseable {

    static final String SOURCE = "shangdang-opera";

    private final String url;
    private final Connection keepAlive;

    OperaDatabaseUnderTest() throws SQLException {
        url = "jdbc:h2:mem:opera-" + UUID.randomUUID();
        keepAlive = DriverManager.getConnection(url);
        OperaDatabaseFixture.load(keepAlive);
    }

    OperaDatabase database(int pageSize) {
        return new OperaDatabase(SOURCE, url, Optional.empty(), Optional.empty(), pageSize);
    }

    void execute(String sql) throws SQLException {
        try (Statement statement = keepAlive.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        keepAlive.close();
    }
}
