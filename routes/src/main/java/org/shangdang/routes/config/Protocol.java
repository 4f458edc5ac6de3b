package org.shangdang.routes.config;

/** The protocol a source is harvested by; each has its own route builder. */
public enum Protocol {
    /** OAI-PMH 2.0 ListRecords, configured under {@code oaipmh}. */
    OAIPMH
}
