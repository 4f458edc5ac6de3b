/** Harvest of file-drop sources: their routes and the pager around the connector's {@code FileDrop}. */
package org.shangdang.routes.filedrop;
