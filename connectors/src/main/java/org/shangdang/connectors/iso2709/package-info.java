/**
 * MARC file drops: readers of ISO 2709 ({@code .mrc}, {@code .iso}) and MARCXML files that yield, per record,
 * either a raw MARCXML record or a rejection with its offset and reason
 * ({@link org.shangdang.connectors.iso2709.MarcFileEntry}); per-record encoding detection (UTF-8, MARC-8 with
 * EACC CJK, GBK/GB18030: {@link org.shangdang.connectors.iso2709.MarcEncoding}); and
 * {@link org.shangdang.connectors.iso2709.FileDrop}, a watched directory whose files are each ingested once and
 * moved aside with a report.
 *
 * <p>Plain Java; marc4j is used only for its MARC-8 code tables.
 */
package org.shangdang.connectors.iso2709;
