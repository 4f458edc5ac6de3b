/**
 * The opera/quyi thematic database (戏曲曲艺专题库) over plain JDBC: {@link org.shangdang.connectors.opera.OperaHarvest}
 * pulls changed works (剧目/曲目) and recordings in {@code updated_at} order as raw records, and
 * {@link org.shangdang.connectors.opera.OperaRecordCrosswalk} maps them to canonical records. The schema is
 * {@code fixtures/opera/schema.sql}.
 */
package org.shangdang.connectors.opera;
