/** Simple Dublin Core ({@code oai_dc}) to {@link org.shangdang.record.CanonicalRecord}. */
package org.shangdang.connectors.dc;
