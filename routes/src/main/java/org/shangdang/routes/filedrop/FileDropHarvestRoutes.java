package org.shangdang.routes.filedrop;

import java.time.ZoneId;
import java.util.List;
import org.shangdang.routes.config.Protocol;
import org.shangdang.routes.config.SourceProperties;
import org.shangdang.routes.harvest.ProtocolHarvestRoutes;

/**
 * The harvest routes of every enabled file-drop source: {@code harvest-filedrop-<source>}, consuming
 * {@code direct:harvest-filedrop-<source>}, and {@code schedule-filedrop-<source>} for a scheduled one (the
 * schedule is how often the inbox is polled); pages come from the {@link FileDropPager}. See
 * {@link ProtocolHarvestRoutes} for the steps and failure handling.
 */
public class FileDropHarvestRoutes extends ProtocolHarvestRoutes {

    /** @param sources the configured sources; only enabled file-drop ones get routes */
    public FileDropHarvestRoutes(List<SourceProperties> sources, ZoneId scheduleTimeZone) {
        super(Protocol.FILEDROP, FileDropPager.BEAN, sources, scheduleTimeZone);
    }
}
