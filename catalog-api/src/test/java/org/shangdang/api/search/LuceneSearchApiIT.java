package org.shangdang.api.search;

/** The search API end to end on the default engine, embedded Lucene. */
class LuceneSearchApiIT extends SearchApiContract {}
