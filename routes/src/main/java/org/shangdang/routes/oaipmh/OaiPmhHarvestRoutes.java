package org.shangdang.routes.oaipmh;

import java.time.ZoneId;
import java.util.List;
import org.shangdang.routes.config.Protocol;
import org.shangdang.routes.config.SourceProperties;
import org.shangdang.routes.harvest.ProtocolHarvestRoutes;

/**
 * The harvest routes of every enabled OAI-PMH source: {@code harvest-oaipmh-<source>}, consuming
 * {@code direct:harvest-oaipmh-<source>}, and {@code schedule-oaipmh-<source>} for a scheduled one; pages are
 * pulled by the {@link OaiPmhPager}. See {@link ProtocolHarvestRoutes} for the steps and failure handling.
 */
public class OaiPmhHarvestRoutes extends ProtocolHarvestRoutes {

    /** @param sources the configured sources; only enabled OAI-PMH ones get routes */
    public OaiPmhHarvestRoutes(List<SourceProperties> sources, ZoneId scheduleTimeZone) {
        super(Protocol.OAIPMH, OaiPmhPager.BEAN, sources, scheduleTimeZone);
    }

    /** The endpoint a source's harvest route consumes. */
    public static String harvestEndpoint(String sourceId) {
        return harvestEndpoint(Protocol.OAIPMH, sourceId);
    }

    /** The id of a source's harvest route. */
    public static String routeId(String sourceId) {
        return routeId(Protocol.OAIPMH, sourceId);
    }
}
