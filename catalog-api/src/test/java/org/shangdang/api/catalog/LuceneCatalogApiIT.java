package org.shangdang.api.catalog;

/** The union-catalog and terminal APIs end to end on the default engine, embedded Lucene. */
class LuceneCatalogApiIT extends CatalogApiContract {}
