package org.shangdang.connectors.iso2709;

/** The character encoding a binary MARC record was found to be in (see {@link Iso2709Reader} for how). */
public enum MarcEncoding {
    /** UTF-8, which includes records that are plain ASCII. */
    UTF_8,
    /** MARC-8 (ANSEL, with escape sequences to other sets, EACC CJK included), converted by marc4j's code tables. */
    MARC_8,
    /** GBK, read as GB18030, its superset: what Chinese ILS exports usually are. */
    GB18030,
    /** Not binary MARC: a MARCXML file, whose XML declaration gives the encoding. */
    XML
}
