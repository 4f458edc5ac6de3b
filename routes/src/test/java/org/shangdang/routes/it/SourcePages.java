package org.shangdang.routes.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.shangdang.connectors.oaipmh.HarvestStart;
import org.shangdang.connectors.oaipmh.OaiPage;
import org.shangdang.connectors.oaipmh.OaiPmhHarvester;
import org.shangdang.connectors.oaipmh.OaiPmhSource;
import org.shangdang.connectors.oaipmh.RetryPolicy;
import org.shangdang.record.RecordFormat;

/**
 * The pages of a fixture source as the connector reads them straight from the fixture server, without
 * routes, store or index: what a harvest must end up with, page by page.
 */
record SourcePages(List<OaiPage> pages) {

    static SourcePages list(String sourceId, URI endpoint, String metadataPrefix, RecordFormat format) {
        List<OaiPage> pages = new ArrayList<>();
        OaiPmhSource source = new OaiPmhSource(sourceId, endpoint, metadataPrefix, Optional.empty(), format);
        try (OaiPmhHarvester harvester = OaiPmhHarvester.open(source, HarvestStart.full(), RetryPolicy.standard(),
                HttpClient.newHttpClient())) {
            harvester.forEachRemaining(pages::add);
        }
        return new SourcePages(List.copyOf(pages));
    }

    /** The canonical ids of the present records on the first {@code count} pages. */
    List<String> presentIdsOnFirst(int count) {
        return pages.subList(0, count).stream().flatMap(p -> p.records().stream())
                .filter(r -> !r.isDeleted()).map(r -> r.canonicalId()).toList();
    }

    /** The canonical ids of the present records of the whole list. */
    List<String> presentIds() {
        return presentIdsOnFirst(pages.size());
    }

    /** The canonical ids of the deleted records of the whole list. */
    List<String> deletedIds() {
        return pages.stream().flatMap(p -> p.records().stream())
                .filter(r -> r.isDeleted()).map(r -> r.canonicalId()).toList();
    }

    /** The number of records listed, deleted ones included. */
    long recordCount() {
        return pages.stream().mapToLong(p -> p.records().size()).sum();
    }

    /** The latest datestamp listed. */
    Optional<Instant> maxDatestamp() {
        return pages.stream().flatMap(p -> p.maxDatestamp().stream()).max(Comparator.naturalOrder());
    }

    /** The index of the page that holds this record. */
    int pageOf(String recordId) {
        for (int i = 0; i < pages.size(); i++) {
            if (pages.get(i).records().stream().anyMatch(r -> r.recordId().equals(recordId))) {
                return i;
            }
        }
        throw new AssertionError("record " + recordId + " is on no page");
    }

    /** The canonical ids of the present records listed after this record. */
    List<String> presentIdsAfter(String recordId) {
        List<String> all = pages.stream().flatMap(p -> p.records().stream()).map(r -> r.recordId()).toList();
        int at = all.indexOf(recordId);
        if (at < 0) {
            throw new AssertionError("record " + recordId + " is not listed");
        }
        return pages.stream().flatMap(p -> p.records().stream()).skip(at + 1L)
                .filter(r -> !r.isDeleted()).map(r -> r.canonicalId()).toList();
    }
}
