package org.shangdang.indexer.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.shangdang.indexer.Facet;
import org.shangdang.indexer.Lookup;
import org.shangdang.indexer.SearchQuery;
import org.shangdang.indexer.SearchResult;
import org.shangdang.indexer.elasticsearch.ElasticsearchSearchIndex;
import org.shangdang.indexer.elasticsearch.ElasticsearchSettings;
import org.shangdang.indexer.lucene.LuceneSearchIndex;
import org.shangdang.record.CanonicalRecord;

/**
 * The Lucene and Elasticsearch engines, given the same records, answer every {@link ContractQueries}
 * query with the same records, totals, facet counts and highlights. Scores (and so the order of equally
 * relevant hits) may differ. Needs a real Elasticsearch ({@link ElasticsearchUnderTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnginesAgreeIT {

    private URI url;
    private String alias;
    private Path dir;
    private LuceneSearchIndex lucene;
    private ElasticsearchSearchIndex elasticsearch;

    @BeforeAll
    void indexTheFixtureInBothEngines() throws IOException {
        url = ElasticsearchUnderTest.requireUrl();
        alias = ElasticsearchUnderTest.uniqueAlias("agree");
        dir = Files.createTempDirectory("shangdang-agree-");
        lucene = LuceneSearchIndex.open(dir);
        elasticsearch = ElasticsearchSearchIndex.open(ElasticsearchSettings.of(url).withIndexAlias(alias));
        lucene.upsert(ContractFixture.records());
        lucene.commit();
        elasticsearch.upsert(ContractFixture.records());
        elasticsearch.commit();
    }

    @AfterAll
    void removeBothIndexes() throws IOException {
        if (lucene != null) {
            lucene.close();
            LuceneSearchContractTest.deleteTree(dir);
        }
        if (elasticsearch != null) {
            elasticsearch.close();
            ElasticsearchUnderTest.deleteIndices(url, alias);
        }
    }

    static Stream<ContractQueries.Case> contractQueries() {
        return ContractQueries.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contractQueries")
    void bothEnginesFindTheSameRecordsWithTheSameCounts(ContractQueries.Case c) {
        SearchResult expected = lucene.search(c.query());
        SearchResult actual = elasticsearch.search(c.query());

        assertThat(actual.total()).as("total of %s", c).isEqualTo(expected.total());
        assertThat(actual.works()).as("works of %s", c).isEqualTo(expected.works());
        assertThat(facetCounts(actual)).as("facets of %s", c).isEqualTo(facetCounts(expected));
        if (c.query().collapse() == SearchQuery.Collapse.WORK) {
            assertThat(workSizes(actual)).as("works and their sizes of %s", c).isEqualTo(workSizes(expected));
        }
        // A collapsed work is shown by its best-scoring record, and the engines score differently; with a blank
        // query every record scores alike and both show the work's lowest id.
        if (c.query().collapse() == SearchQuery.Collapse.NONE || c.query().text().isBlank()) {
            assertThat(SearchContract.ids(actual)).as("hits of %s", c).isEqualTo(SearchContract.ids(expected));
            assertThat(highlights(actual)).as("highlights of %s", c).isEqualTo(highlights(expected));
        }
    }

    static Stream<Lookup> lookups() {
        return Stream.of(Lookup.barcode("C0002", 10), Lookup.barcode("c0003", 10), Lookup.barcode("1404290001802", 10),
                Lookup.barcode("nothing", 10), Lookup.callNumberPrefix(ContractFixture.CITY_LIBRARY, "K", 10),
                Lookup.callNumberPrefix(ContractFixture.CITY_LIBRARY, "k292.53/", 10),
                Lookup.callNumberPrefix("长子县图书馆", "K292", 10), Lookup.callNumberPrefix("武乡县图书馆", "K2", 10),
                Lookup.callNumberPrefix(ContractFixture.CITY_LIBRARY, "K265", 10), Lookup.isbn("7-5440-1234-X", 10),
                Lookup.isbn("9787544012348", 10), Lookup.isbn("978 7 5377 4521 2", 10),
                Lookup.works(List.of("work:shangdang-bangzi-jumu", "work:balujun-zongbu", "changzhi-city:5"), 10),
                Lookup.works(List.of("work:shangdang-bangzi-jumu"), 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lookups")
    void bothEnginesLookUpTheSameRecords(Lookup lookup) {
        List<CanonicalRecord> expected = lucene.lookup(lookup);

        assertThat(elasticsearch.lookup(lookup)).as("%s", lookup).isEqualTo(expected);
    }

    @Test
    void theLookupsAreNotVacuous() {
        assertThat(lookups().filter(l -> !lucene.lookup(l).isEmpty()).count()).isGreaterThanOrEqualTo(11);
    }

    private static Map<String, Long> workSizes(SearchResult result) {
        return result.hits().stream().collect(Collectors.toMap(SearchResult.Hit::workId, h -> h.workSize().orElseThrow()));
    }

    @Test
    void theContractIsNotVacuous() {
        List<ContractQueries.Case> cases = ContractQueries.all();
        long withHits = cases.stream().filter(c -> lucene.search(c.query()).total() > 0).count();

        assertThat(cases).hasSizeGreaterThanOrEqualTo(50);
        assertThat(cases.stream().filter(c -> c.query().collapse() == SearchQuery.Collapse.WORK)
                .filter(c -> lucene.search(c.query()).hits().stream().anyMatch(h -> h.workSize().orElse(0L) > 1)))
                .as("collapsed queries that merge records").hasSizeGreaterThanOrEqualTo(5);
        assertThat(withHits).isGreaterThanOrEqualTo(cases.size() * 3 / 4);
    }

    private static Map<Facet, Map<String, Long>> facetCounts(SearchResult result) {
        Map<Facet, Map<String, Long>> counts = new EnumMap<>(Facet.class);
        result.facets().forEach((facet, values) -> counts.put(facet, values.stream()
                .collect(Collectors.toMap(SearchResult.FacetCount::value, SearchResult.FacetCount::count))));
        return counts;
    }

    private static Map<String, Map<String, List<String>>> highlights(SearchResult result) {
        Map<String, Map<String, List<String>>> byId = new LinkedHashMap<>();
        result.hits().stream().sorted((a, b) -> a.id().compareTo(b.id()))
                .forEach(h -> byId.put(h.id(), h.highlights()));
        return byId;
    }
}
