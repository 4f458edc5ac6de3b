package org.shangdang.indexer.lucene;

import java.io.IOException;
import java.util.Optional;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;

/**
 * An {@link IndexSearcher} that carries the facet ordinal state and the {@link WorkOrdinals} of its reader, built
 * once when the {@link org.apache.lucene.search.SearcherManager} opens the reader, so searches never rebuild them
 * and never see a state from another reader. Thread-safe, like IndexSearcher.
 */
final class FacetedSearcher extends IndexSearcher {

    private final Optional<SortedSetDocValuesReaderState> facetState;

    private final WorkOrdinals workOrdinals;

    private FacetedSearcher(IndexReader reader, Optional<SortedSetDocValuesReaderState> facetState,
            WorkOrdinals workOrdinals) {
        super(reader);
        this.facetState = facetState;
        this.workOrdinals = workOrdinals;
    }

    /** The work ids of this searcher's reader, for counting the works of a search. */
    WorkOrdinals workOrdinals() {
        return workOrdinals;
    }

    /** Empty while no document with a facet value has been indexed. */
    Optional<SortedSetDocValuesReaderState> facetState() {
        return facetState;
    }

    /** Makes {@link FacetedSearcher}s for a SearcherManager. */
    static SearcherFactory factory(FacetsConfig config) {
        return new SearcherFactory() {
            @Override
            public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) throws IOException {
                FieldInfo facets = FieldInfos.getMergedFieldInfos(reader).fieldInfo(FacetsConfig.DEFAULT_INDEX_FIELD_NAME);
                boolean hasFacets = facets != null && facets.getDocValuesType() == DocValuesType.SORTED_SET;
                return new FacetedSearcher(reader, hasFacets
                        ? Optional.of(new DefaultSortedSetDocValuesReaderState(reader, config))
                        : Optional.empty(), WorkOrdinals.of(reader));
            }
        };
    }
}
