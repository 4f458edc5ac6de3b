package org.shangdang.routes.documents;

import java.time.ZoneId;
import java.util.List;
import org.shangdang.routes.config.Protocol;
import org.shangdang.routes.config.SourceProperties;
import org.shangdang.routes.harvest.ProtocolHarvestRoutes;

/**
 * The harvest routes of every enabled documents source: {@code harvest-documents-<source>}, consuming
 * {@code direct:harvest-documents-<source>}, and {@code schedule-documents-<source>} for a scheduled one (the
 * schedule is how often the directory is looked at); pages come from the {@link DocumentsPager}. See
 * {@link ProtocolHarvestRoutes} for the steps and failure handling.
 */
public class DocumentsHarvestRoutes extends ProtocolHarvestRoutes {

    /** @param sources the configured sources; only enabled documents ones get routes */
    public DocumentsHarvestRoutes(List<SourceProperties> sources, ZoneId scheduleTimeZone) {
        super(Protocol.DOCUMENTS, DocumentsPager.BEAN, sources, scheduleTimeZone);
    }
}
