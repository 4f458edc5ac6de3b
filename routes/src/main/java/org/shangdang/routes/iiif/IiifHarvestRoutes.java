package org.shangdang.routes.iiif;

import java.time.ZoneId;
import java.util.List;
import org.shangdang.routes.config.Protocol;
import org.shangdang.routes.config.SourceProperties;
import org.shangdang.routes.harvest.ProtocolHarvestRoutes;

/**
 * The harvest routes of every enabled IIIF source: {@code harvest-iiif-<source>}, consuming
 * {@code direct:harvest-iiif-<source>}, and {@code schedule-iiif-<source>} for a scheduled one; pages come from the
 * {@link IiifPager}. See {@link ProtocolHarvestRoutes} for the steps and failure handling.
 */
public class IiifHarvestRoutes extends ProtocolHarvestRoutes {

    /** @param sources the configured sources; only enabled IIIF ones get routes */
    public IiifHarvestRoutes(List<SourceProperties> sources, ZoneId scheduleTimeZone) {
        super(Protocol.IIIF, IiifPager.BEAN, sources, scheduleTimeZone);
    }
}
