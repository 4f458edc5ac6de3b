/**
 * Enrichment of canonical records after the crosswalk: county from place names, the reading themes and the
 * opera/quyi genre, from an editable vocabulary ({@link org.shangdang.indexer.enrich.EnrichmentVocabulary}).
 */
package org.shangdang.indexer.enrich;
