/**
 * The steps every harvest route shares, whatever the protocol: store raw, crosswalk, index, commit,
 * checkpoint, job progress. Each step is a named bean the routes call with the {@link
 * org.shangdang.routes.harvest.HarvestRun} as message body.
 */
package org.shangdang.routes.harvest;
