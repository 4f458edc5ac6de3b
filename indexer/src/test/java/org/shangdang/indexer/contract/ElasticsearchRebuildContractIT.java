package org.shangdang.indexer.contract;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.indexer.elasticsearch.ElasticsearchSearchIndex;
import org.shangdang.indexer.elasticsearch.ElasticsearchSettings;

/**
 * Zero-downtime re-index on a real Elasticsearch: generations are indices {@code <alias>-NNNNNN}, the
 * alias moves atomically. Skipped without a cluster, except under CI=true.
 */
class ElasticsearchRebuildContractIT extends RebuildContract {

    private URI url;
    private String alias;

    @Override
    protected SearchIndex openEmptyIndex() {
        url = ElasticsearchUnderTest.requireUrl();
        alias = ElasticsearchUnderTest.uniqueAlias("rebuild");
        return ElasticsearchSearchIndex.open(ElasticsearchSettings.of(url).withIndexAlias(alias));
    }

    @Override
    protected void closeAndRemove(SearchIndex index) throws IOException {
        index.close();
        ElasticsearchUnderTest.deleteIndices(url, alias);
    }

    /** Indices behind the alias and behind the rebuild's write alias: an abandoned one must not linger. */
    @Override
    protected List<String> storedGenerations() {
        List<String> indices = new ArrayList<>(ElasticsearchUnderTest.indicesOf(url, alias));
        indices.addAll(ElasticsearchUnderTest.indicesOf(url, alias + "-rebuild"));
        return indices.stream().sorted().toList();
    }
}
