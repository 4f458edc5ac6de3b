package org.shangdang.indexer.contract;

import java.io.IOException;
import java.net.URI;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.indexer.elasticsearch.ElasticsearchSearchIndex;
import org.shangdang.indexer.elasticsearch.ElasticsearchSettings;

/**
 * The search contract on a real Elasticsearch ({@link ElasticsearchUnderTest}), in an index of its own
 * that is deleted afterwards. Skipped without a cluster, except under CI=true.
 */
class ElasticsearchSearchContractIT extends SearchContract {

    private URI url;
    private String alias;

    @Override
    protected SearchIndex openEmptyIndex() {
        url = ElasticsearchUnderTest.requireUrl();
        alias = ElasticsearchUnderTest.uniqueAlias("contract");
        return ElasticsearchSearchIndex.open(ElasticsearchSettings.of(url).withIndexAlias(alias));
    }

    @Override
    protected void closeAndRemove(SearchIndex index) throws IOException {
        index.close();
        ElasticsearchUnderTest.deleteIndices(url, alias);
    }
}
