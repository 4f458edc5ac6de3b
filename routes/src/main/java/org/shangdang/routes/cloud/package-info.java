/** Harvest of the public culture clouds' open APIs: their routes and the pager around the connector's {@code CloudHarvester}. */
package org.shangdang.routes.cloud;
