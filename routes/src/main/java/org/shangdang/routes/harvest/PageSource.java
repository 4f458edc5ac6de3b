package org.shangdang.routes.harvest;

import java.util.Iterator;

/**
 * Pages of one harvest, pulled one at a time by the route: the adapter a protocol's pager puts around
 * its connector. Not thread-safe; {@link #close()} is idempotent and releases the connector.
 */
public interface PageSource extends Iterator<HarvestPage>, AutoCloseable {

    @Override
    void close();
}
