/** The HTTP side of harvesting a source: its throttle and its credentials, applied to every request it is sent. */
package org.shangdang.routes.http;
