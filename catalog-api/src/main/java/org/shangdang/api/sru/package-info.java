/**
 * The SRU 1.2/2.0 server at {@code /sru} ({@link org.shangdang.api.sru.SruServer}): a CQL parser
 * ({@link org.shangdang.api.sru.CqlParser}) and its translation onto the search index
 * ({@link org.shangdang.api.sru.CqlSearch}), with standard diagnostics ({@link org.shangdang.api.sru.SruDiagnostic}).
 */
package org.shangdang.api.sru;
