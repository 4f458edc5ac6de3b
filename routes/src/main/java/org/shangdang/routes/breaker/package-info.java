/** The circuit breaker of each source: a source that keeps failing is skipped for a while, other sources go on. */
package org.shangdang.routes.breaker;
