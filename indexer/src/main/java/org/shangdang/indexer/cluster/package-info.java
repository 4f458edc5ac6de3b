/**
 * The union catalog's clustering: records of the city and county libraries grouped into works.
 *
 * <p>{@link org.shangdang.indexer.cluster.UnionCatalog} holds the match keys of every record and keeps works
 * up to date one upsert or removal at a time; {@link org.shangdang.indexer.cluster.MatchKeys} is what it knows of
 * a record; {@link org.shangdang.indexer.cluster.MatchRule} and {@link org.shangdang.indexer.cluster.Veto} name
 * why records were linked or kept apart, as {@link org.shangdang.indexer.cluster.Explanation} reports them.
 * Plain Java: no Lucene, Spring or Camel here.
 */
package org.shangdang.indexer.cluster;
