package org.shangdang.routes.config;

/** The protocol a source is harvested by; each has its own route builder. */
public enum Protocol {
    /** OAI-PMH 2.0 ListRecords, configured under {@code oaipmh}. */
    OAIPMH,
    /** SRU 1.2 or 2.0 searchRetrieve, configured under {@code sru}. */
    SRU,
    /** MARC files (ISO 2709 or MARCXML) dropped into a watched directory, configured under {@code filedrop}. */
    FILEDROP,
    /** A public culture cloud's open API (国家公共文化云, 山西公共文化云), configured under {@code cloud}. */
    CLOUD,
    /** An opera/quyi database read over JDBC, configured under {@code jdbc}. */
    JDBC,
    /** IIIF Presentation manifests (v2, v3) from collections and single URLs, configured under {@code iiif}. */
    IIIF,
    /** Digitized files in a watched directory, extracted with Tika and OCR, configured under {@code documents}. */
    DOCUMENTS
}
