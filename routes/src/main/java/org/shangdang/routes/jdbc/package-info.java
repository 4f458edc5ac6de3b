/** Harvest of opera/quyi databases over JDBC: their routes and the pager around the connector's {@code OperaHarvest}. */
package org.shangdang.routes.jdbc;
