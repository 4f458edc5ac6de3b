/** Harvest of IIIF sources (rare-book and red-culture digitizations): their routes and the pager around the connector's {@code IiifHarvester}. */
package org.shangdang.routes.iiif;
