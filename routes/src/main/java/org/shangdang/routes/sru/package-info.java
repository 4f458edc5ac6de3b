/** Harvest of SRU sources: their routes and the pager around the connector's {@code SruSearch}. */
package org.shangdang.routes.sru;
