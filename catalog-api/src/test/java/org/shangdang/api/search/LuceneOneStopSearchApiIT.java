package org.shangdang.api.search;

/** One-stop search and stats end to end on the default engine, embedded Lucene. */
class LuceneOneStopSearchApiIT extends OneStopSearchApiContract {}
