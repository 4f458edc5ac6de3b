/**
 * MARCXML crosswalks: MARC 21 and UNIMARC/CNMARC to {@link org.shangdang.record.CanonicalRecord}, parsed
 * through the hardened StAX factory into marc4j's record model, and the catalogue-text helpers (ISBNs,
 * years, languages, Chinese statements of responsibility) the Dublin Core crosswalk shares.
 */
package org.shangdang.connectors.marc;
