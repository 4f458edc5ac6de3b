package org.shangdang.indexer.contract;

import java.io.IOException;
import java.net.URI;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.indexer.elasticsearch.ElasticsearchSearchIndex;
import org.shangdang.indexer.elasticsearch.ElasticsearchSettings;

/**
 * The scan contract on a real Elasticsearch ({@link ElasticsearchUnderTest}), in an index of its own that is
 * deleted afterwards. Skipped without a cluster, except under CI=true.
 */
class ElasticsearchScanContractIT extends ScanContract {

    private URI url;
    private String alias;

    @Override
    protected SearchIndex openEmptyIndex() {
        url = ElasticsearchUnderTest.requireUrl();
        alias = ElasticsearchUnderTest.uniqueAlias("scan");
        return reopen();
    }

    @Override
    protected SearchIndex reopen() {
        return ElasticsearchSearchIndex.open(ElasticsearchSettings.of(url).withIndexAlias(alias));
    }

    @Override
    protected void remove() throws IOException {
        if (url != null) {
            ElasticsearchUnderTest.deleteIndices(url, alias);
        }
    }
}
