/**
 * OAI-PMH 2.0 harvesting: a pull-style, closeable iterator of {@link org.shangdang.connectors.oaipmh.OaiPage
 * pages} of raw records ({@link org.shangdang.connectors.oaipmh.OaiPmhHarvester}), the response parser it
 * streams pages through ({@link org.shangdang.connectors.oaipmh.OaiResponseParser}), and the typed values a
 * harvest is configured with.
 *
 * <p>Plain Java on {@code java.net.http} and StAX: no Camel, Spring or index code here.
 */
package org.shangdang.connectors.oaipmh;
