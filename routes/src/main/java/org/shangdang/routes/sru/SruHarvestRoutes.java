package org.shangdang.routes.sru;

import java.time.ZoneId;
import java.util.List;
import org.shangdang.routes.config.Protocol;
import org.shangdang.routes.config.SourceProperties;
import org.shangdang.routes.harvest.ProtocolHarvestRoutes;

/**
 * The harvest routes of every enabled SRU source: {@code harvest-sru-<source>}, consuming
 * {@code direct:harvest-sru-<source>}, and {@code schedule-sru-<source>} for a scheduled one; pages are pulled by
 * the {@link SruPager}. See {@link ProtocolHarvestRoutes} for the steps and failure handling.
 */
public class SruHarvestRoutes extends ProtocolHarvestRoutes {

    /** @param sources the configured sources; only enabled SRU ones get routes */
    public SruHarvestRoutes(List<SourceProperties> sources, ZoneId scheduleTimeZone) {
        super(Protocol.SRU, SruPager.BEAN, sources, scheduleTimeZone);
    }
}
