package org.shangdang.routes.indexfaults;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.shangdang.connectors.oaipmh.HarvestStart;
import org.shangdang.connectors.oaipmh.OaiPage;
import org.shangdang.connectors.oaipmh.OaiPmhHarvester;
import org.shangdang.connectors.oaipmh.OaiPmhSource;
import org.shangdang.connectors.oaipmh.RetryPolicy;
import org.shangdang.fixtures.FixtureScenario;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.indexer.SearchQuery;
import org.shangdang.indexer.SearchResult;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;

/**
 * The city library's fixture list read straight from the fixture server with the connector (no routes,
 * store or index), and what a harvest of it must leave in an index.
 */
record FixtureList(List<OaiPage> pages) {

    static final String SOURCE = FixtureScenario.CHANGZHI_CITY;

    static FixtureList read(URI endpoint) {
        List<OaiPage> pages = new ArrayList<>();
        OaiPmhSource source = new OaiPmhSource(SOURCE, endpoint, FixtureScenario.CHANGZHI_CITY_METADATA_PREFIX,
                Optional.empty(), RecordFormat.MARCXML);
        try (OaiPmhHarvester harvester = OaiPmhHarvester.open(source, HarvestStart.full(), RetryPolicy.standard(),
                HttpClient.newHttpClient())) {
            harvester.forEachRemaining(pages::add);
        }
        return new FixtureList(List.copyOf(pages));
    }

    /** Canonical ids of the present records a harvest indexes: all but the deleted and the malformed one. */
    List<String> indexableIds() {
        return pages.stream().flatMap(p -> p.records().stream())
                .filter(r -> !r.isDeleted() && !r.recordId().equals(FixtureScenario.MALFORMED_RECORD_ID))
                .map(RawRecord::canonicalId).toList();
    }

    /** The present records of one page (0-based). */
    List<RawRecord> presentOnPage(int page) {
        return pages.get(page).records().stream().filter(r -> !r.isDeleted()).toList();
    }

    /** Every id the index finds, page after page of a search for everything, duplicates kept. */
    static List<String> searchAllIds(SearchIndex index) {
        List<String> ids = new ArrayList<>();
        for (int page = 1; page <= SearchQuery.MAX_PAGE; page++) {
            SearchResult result = index.search(new SearchQuery("", Map.of(), page, SearchQuery.MAX_SIZE));
            if (result.hits().isEmpty()) {
                break;
            }
            result.hits().forEach(hit -> ids.add(hit.id()));
        }
        return ids;
    }
}
