package org.shangdang.api.oai;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.shangdang.api.oai.ProviderHarness.Header;
import org.shangdang.api.oai.ProviderHarness.Response;
import org.shangdang.record.RawRecord;

/**
 * A harvester pages through the provider while ingestion keeps changing, re-storing unchanged, deleting and adding
 * records in another thread: no item comes twice, no unchanged item is skipped, and the next incremental harvest
 * (from the first responseDate) brings every change, so nothing is lost.
 */
class OaiHarvestDuringIngestionTest {

    private static final Instant SOURCE_DATE = Instant.parse("2020-01-01T00:00:00Z");
    private static final int RECORDS = 600;

    @Test
    void harvestingWhileIngestionRunsNeverDuplicatesOrSkipsAndTheNextHarvestBringsTheChanges() throws Exception {
        // given 600 stored records; a third of them will change, one in fifty be deleted, the rest re-stored unchanged
        ProviderHarness oai = new ProviderHarness(25);
        List<RawRecord> initial = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            initial.add(ProviderHarness.dc("city", id(i), "题名 " + i, SOURCE_DATE));
        }
        oai.store.upsertRaw(initial);
        Set<String> untouched = new HashSet<>();
        for (int i = 0; i < RECORDS; i++) {
            if (!changes(i) && !deleted(i)) {
                untouched.add(ProviderHarness.identifier("city", id(i)));
            }
        }

        // (stored in an earlier second than the harvest starts, so from=responseDate excludes them)
        Thread.sleep(1100);

        // when a harvester pages through the list while a writer re-harvests
        AtomicBoolean harvesting = new AtomicBoolean(true);
        AtomicInteger rounds = new AtomicInteger();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        Future<?> ingestion = writer.submit(() -> {
            while (harvesting.get()) {
                int round = rounds.incrementAndGet();
                List<RawRecord> batch = new ArrayList<>();
                for (int i = 0; i < RECORDS; i++) {
                    if (deleted(i)) {
                        batch.add(ProviderHarness.dc("city", id(i), null, SOURCE_DATE));
                    } else if (changes(i)) {
                        batch.add(ProviderHarness.dc("city", id(i), "题名 " + i + " 第" + round + "次修订", SOURCE_DATE));
                    } else {
                        batch.add(ProviderHarness.dc("city", id(i), "题名 " + i, SOURCE_DATE.plusSeconds(round)));
                    }
                    if (batch.size() == 50) {
                        oai.store.upsertRaw(batch);
                        batch.clear();
                    }
                }
                oai.store.upsertRaw(List.of(ProviderHarness.dc("city", "new-" + round, "新书 " + round, SOURCE_DATE)));
            }
        });
        List<Header> harvested = new ArrayList<>();
        Response first = oai.get("verb=ListRecords&metadataPrefix=oai_dc");
        Response page = first;
        harvested.addAll(page.headers());
        while (page.token().filter(t -> !t.isEmpty()).isPresent()) {
            Thread.sleep(20);
            page = oai.get("verb=ListRecords&resumptionToken=" + page.token().get());
            assertThat(page.error()).as(page.xml).isEmpty();
            harvested.addAll(page.headers());
        }
        harvesting.set(false);
        ingestion.get();
        writer.shutdown();

        // then the list had no duplicate and every untouched record exactly once
        List<String> ids = harvested.stream().map(Header::identifier).toList();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(ids).containsAll(untouched);
        assertThat(rounds.get()).as("ingestion rounds during the harvest").isGreaterThan(1);

        // and the incremental harvest from the first responseDate brings each change in its latest version
        Map<String, Header> latest = new HashMap<>();
        Map<String, String> titles = new HashMap<>();
        for (Response p : oai.pages("ListRecords", "metadataPrefix=oai_dc&from=" + first.responseDate())) {
            List<Header> headers = p.headers();
            p.headers().forEach(h -> latest.put(h.identifier(), h));
            List<String> pageTitles = p.titles();
            int t = 0;
            for (Header h : headers) {
                if (!h.deleted()) {
                    titles.put(h.identifier(), pageTitles.get(t++));
                }
            }
        }
        Set<String> everything = new HashSet<>(ids);
        everything.addAll(latest.keySet());
        assertThat(everything).hasSize(RECORDS + rounds.get());
        for (int i = 0; i < RECORDS; i++) {
            String identifier = ProviderHarness.identifier("city", id(i));
            if (deleted(i)) {
                assertThat(latest.get(identifier).deleted()).as(identifier).isTrue();
            } else if (changes(i)) {
                assertThat(titles.get(identifier)).as(identifier).isEqualTo("题名 " + i + " 第" + rounds.get() + "次修订");
            }
        }
        assertThat(latest.keySet()).as("re-stored unchanged records keep their datestamp").doesNotContainAnyElementsOf(untouched);
    }

    private static boolean changes(int i) {
        return i % 3 == 0;
    }

    private static boolean deleted(int i) {
        return i % 50 == 7;
    }

    private static String id(int i) {
        return String.format("r%04d", i);
    }
}
