/**
 * SRU searchRetrieve harvesting (SRU 1.2 and 2.0): a pull-style, closeable iterator of
 * {@link org.shangdang.connectors.sru.SruPage pages} of raw records ({@link org.shangdang.connectors.sru.SruSearch}),
 * the response parser it streams pages through ({@link org.shangdang.connectors.sru.SruResponseParser}), and the
 * typed values a search is configured with ({@link org.shangdang.connectors.sru.SruSource},
 * {@link org.shangdang.connectors.sru.SruQuery}).
 *
 * <p>Plain Java on {@code java.net.http} and StAX (hardened by {@link org.shangdang.connectors.xml.SafeXml}): no
 * Camel, Spring or index code here. Retries follow {@link org.shangdang.connectors.oaipmh.RetryPolicy}.
 */
package org.shangdang.connectors.sru;
