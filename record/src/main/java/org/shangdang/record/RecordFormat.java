package org.shangdang.record;

/**
 * The format of a raw record's payload, which decides the crosswalk that reads it.
 *
 * <p>MARCXML does not say whether it carries MARC21 or UNIMARC/CNMARC tagging; the MARC crosswalk
 * tells them apart by the fields present (245 versus 200) unless the source declares its flavour.
 */
public enum RecordFormat {
    /** MARCXML ({@code http://www.loc.gov/MARC21/slim}), MARC21 or UNIMARC/CNMARC tagging. */
    MARCXML,
    /** Simple Dublin Core as served by OAI-PMH {@code oai_dc}. */
    OAI_DC,
    /** A IIIF Presentation manifest (JSON, version 2 or 3). */
    IIIF_MANIFEST,
    /** A file's text and metadata as extracted by Tika (JSON), with the file's location. */
    EXTRACTED_DOCUMENT,
    /** One resource item of the National Public Culture Cloud (国家公共文化云) open API (JSON, camelCase). */
    NATIONAL_CLOUD_JSON,
    /** One resource record of the Shanxi Public Culture Cloud (山西公共文化云) open API (JSON, snake_case). */
    SHANXI_CLOUD_JSON,
    /** A work or recording of an opera/quyi database with its joined rows (JSON), as the JDBC connector reads it. */
    OPERA_DB
}
