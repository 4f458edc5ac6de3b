package org.shangdang.connectors.marc;

/** The tagging a MARCXML record uses; MARCXML itself does not say. */
public enum MarcFlavour {
    /** MARC 21: title in 245, imprint in 260/264. */
    MARC21,
    /** UNIMARC and its Chinese profile CNMARC: title in 200, imprint in 210. */
    UNIMARC
}
