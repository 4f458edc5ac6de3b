package org.shangdang.routes.jdbc;

import java.time.ZoneId;
import java.util.List;
import org.shangdang.routes.config.Protocol;
import org.shangdang.routes.config.SourceProperties;
import org.shangdang.routes.harvest.ProtocolHarvestRoutes;

/**
 * The harvest routes of every enabled JDBC source: {@code harvest-jdbc-<source>}, consuming
 * {@code direct:harvest-jdbc-<source>}, and {@code schedule-jdbc-<source>} for a scheduled one; pages are pulled
 * by the {@link JdbcPager}. See {@link ProtocolHarvestRoutes} for the steps and failure handling.
 */
public class JdbcHarvestRoutes extends ProtocolHarvestRoutes {

    /** @param sources the configured sources; only enabled JDBC ones get routes */
    public JdbcHarvestRoutes(List<SourceProperties> sources, ZoneId scheduleTimeZone) {
        super(Protocol.JDBC, JdbcPager.BEAN, sources, scheduleTimeZone);
    }
}
