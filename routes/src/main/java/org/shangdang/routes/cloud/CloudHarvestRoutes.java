package org.shangdang.routes.cloud;

import java.time.ZoneId;
import java.util.List;
import org.shangdang.routes.config.Protocol;
import org.shangdang.routes.config.SourceProperties;
import org.shangdang.routes.harvest.ProtocolHarvestRoutes;

/**
 * The harvest routes of every enabled culture-cloud source: {@code harvest-cloud-<source>}, consuming
 * {@code direct:harvest-cloud-<source>}, and {@code schedule-cloud-<source>} for a scheduled one; pages are pulled
 * by the {@link CloudPager}. See {@link ProtocolHarvestRoutes} for the steps and failure handling.
 */
public class CloudHarvestRoutes extends ProtocolHarvestRoutes {

    /** @param sources the configured sources; only enabled cloud ones get routes */
    public CloudHarvestRoutes(List<SourceProperties> sources, ZoneId scheduleTimeZone) {
        super(Protocol.CLOUD, CloudPager.BEAN, sources, scheduleTimeZone);
    }
}
