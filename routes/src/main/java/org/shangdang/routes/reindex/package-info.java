/**
 * Re-indexing from the record store: the raw records kept by every harvest are crosswalked again and
 * written to the index, either into a new generation swapped in atomically (every source) or in place
 * (one source), so a new index layout or a better crosswalk never needs a re-harvest.
 */
package org.shangdang.routes.reindex;
