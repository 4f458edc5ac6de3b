package org.shangdang.api.oai;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shangdang.api.oai.ProviderHarness.Header;
import org.shangdang.api.oai.ProviderHarness.Response;
import org.shangdang.record.RawRecord;
import org.shangdang.routes.store.HarvestMode;
import org.shangdang.routes.store.JobStatus;

/** The OAI-PMH protocol as a harvester sees it, over a real (in-memory H2) record store. */
class OaiProviderTest {

    private static final Instant OLD = Instant.parse("2019-05-01T00:00:00Z");

    private ProviderHarness oai;

    @BeforeEach
    void storeTwentyFiveRecords() {
        oai = new ProviderHarness(10);
        List<RawRecord> records = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            records.add(ProviderHarness.dc("city", String.format("c%02d", i), "长治图书 " + i, OLD));
        }
        for (int i = 1; i <= 5; i++) {
            records.add(ProviderHarness.dc("county", "z" + i, "长子鼓书 " + i, OLD));
        }
        oai.store.upsertRaw(records);
    }

    @Test
    void listRecordsPagesEveryRecordOnceWithCursorSizeAndExpiringTokens() throws Exception {
        // when a harvester follows every token
        List<Response> pages = oai.pages("ListRecords", "metadataPrefix=oai_dc");

        // then 25 records in pages of 10, 10, 5; each token says where it is
        assertThat(pages).hasSize(3);
        List<String> ids = pages.stream().flatMap(p -> p.headers().stream()).map(Header::identifier).toList();
        assertThat(ids).hasSize(25).doesNotHaveDuplicates();
        assertThat(pages.get(0).tokenElement().orElseThrow().getAttribute("completeListSize")).isEqualTo("25");
        assertThat(pages.get(0).tokenElement().orElseThrow().getAttribute("cursor")).isEqualTo("0");
        assertThat(pages.get(1).tokenElement().orElseThrow().getAttribute("cursor")).isEqualTo("10");
        assertThat(Instant.parse(pages.get(0).tokenElement().orElseThrow().getAttribute("expirationDate")))
                .isAfter(Instant.now().plus(Duration.ofMinutes(59)));
        assertThat(pages.get(2).token()).contains("");
        assertThat(pages.get(2).tokenElement().orElseThrow().getAttribute("cursor")).isEqualTo("20");
        assertThat(pages.get(2).titles()).hasSize(5);
    }

    @Test
    void datestampIsWhenOurCopyChangedNotTheSourceDatestamp() throws Exception {
        // given records the source dated 2019, stored today
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(5);

        // when harvested from a few seconds ago
        List<Header> headers = oai.get("verb=ListIdentifiers&metadataPrefix=oai_dc&set=source:county&from="
                + DateTimeFormatter.ISO_INSTANT.format(before)).headers();

        // then every record is there, stamped with the time we stored it
        assertThat(headers).hasSize(5);
        assertThat(headers).allSatisfy(h -> assertThat(Instant.parse(h.datestamp())).isAfterOrEqualTo(before));
        assertThat(oai.get("verb=ListIdentifiers&metadataPrefix=oai_dc&until=2019-05-01").error()).contains("noRecordsMatch");
    }

    @Test
    void reharvestingAnUnchangedRecordKeepsItsDatestampAndAChangeMovesIt() throws Exception {
        // given the time our copies were stored
        String c01 = ProviderHarness.identifier("city", "c01");
        String first = oai.get("verb=GetRecord&metadataPrefix=oai_dc&identifier=" + c01).headers().get(0).datestamp();
        Thread.sleep(1100);

        // when the source serves c01 again unchanged (new source datestamp) and c02 changed
        oai.store.upsertRaw(List.of(ProviderHarness.dc("city", "c01", "长治图书 1", Instant.parse("2024-01-01T00:00:00Z")),
                ProviderHarness.dc("city", "c02", "长治图书 2（修订）", OLD)));

        // then c01 keeps its datestamp and only c02 is in a harvest from now on
        assertThat(oai.get("verb=GetRecord&metadataPrefix=oai_dc&identifier=" + c01).headers().get(0).datestamp())
                .isEqualTo(first);
        String since = DateTimeFormatter.ISO_INSTANT.format(Instant.parse(first).plusSeconds(1));
        Response changed = oai.get("verb=ListRecords&metadataPrefix=oai_dc&from=" + since);
        assertThat(changed.headers()).extracting(Header::identifier).containsExactly(ProviderHarness.identifier("city", "c02"));
        assertThat(changed.titles()).containsExactly("长治图书 2（修订）");
    }

    @Test
    void deletedRecordsStayAsDeletedHeadersForEver() throws Exception {
        // given a record deleted at the source
        oai.store.upsertRaw(List.of(ProviderHarness.dc("city", "c03", null, OLD)));

        // when harvested in full
        Response record = oai.get("verb=GetRecord&metadataPrefix=oai_dc&identifier=" + ProviderHarness.identifier("city", "c03"));
        List<Header> all = oai.pages("ListIdentifiers", "metadataPrefix=marcxml").stream()
                .flatMap(p -> p.headers().stream()).toList();

        // then it is a deleted header without metadata, in the list and by GetRecord
        assertThat(record.headers().get(0).deleted()).isTrue();
        assertThat(record.xml).doesNotContain("<metadata>");
        assertThat(all).hasSize(25).filteredOn(Header::deleted).extracting(Header::identifier)
                .containsExactly(ProviderHarness.identifier("city", "c03"));
        assertThat(oai.get("verb=Identify").xml).contains("<deletedRecord>persistent</deletedRecord>")
                .contains("<granularity>YYYY-MM-DDThh:mm:ssZ</granularity>");
    }

    @Test
    void aRejectedRecordIsNotPublishedUntilAGoodVersionIsHarvested() throws Exception {
        // given the latest harvest of c04 was rejected
        JobStatus job = oai.store.startJob("city", HarvestMode.FULL);
        oai.store.addReject(job.id(), oai.store.raw("city", "c04").orElseThrow(), "city:c04: no title");

        // then it is neither listed nor retrievable
        String c04 = ProviderHarness.identifier("city", "c04");
        assertThat(oai.pages("ListIdentifiers", "metadataPrefix=oai_dc").stream().flatMap(p -> p.headers().stream())
                .map(Header::identifier)).hasSize(24).doesNotContain(c04);
        assertThat(oai.get("verb=GetRecord&metadataPrefix=oai_dc&identifier=" + c04).error()).contains("idDoesNotExist");

        // when a later harvest stores a corrected version
        Thread.sleep(5);
        oai.store.upsertRaw(List.of(ProviderHarness.dc("city", "c04", "长治图书 4（更正）", OLD)));

        // then it is published again
        assertThat(oai.get("verb=GetRecord&metadataPrefix=oai_dc&identifier=" + c04).titles()).containsExactly("长治图书 4（更正）");
    }

    @Test
    void setsSelectBySourceCountyAndKindWithAsciiSpecsAndChineseNames() throws Exception {
        Response sets = oai.get("verb=ListSets");

        assertThat(sets.xml).contains("<setSpec>county:zhangzixian</setSpec><setName>长子县</setName>")
                .contains("<setSpec>source:city</setSpec>").contains("<setSpec>kind:book</setSpec><setName>图书</setName>")
                .contains("<setSpec>theme:hongsewenhua</setSpec><setName>红色文化</setName>");
        assertThat(oai.get("verb=ListIdentifiers&metadataPrefix=oai_dc&set=county:zhangzixian").headers())
                .hasSize(5).allSatisfy(h -> assertThat(h.setSpecs()).contains("source:county", "county:zhangzixian", "kind:book"));
        assertThat(oai.pages("ListIdentifiers", "metadataPrefix=oai_dc&set=source:city").stream()
                .mapToLong(p -> p.headers().size()).sum()).isEqualTo(20);
        assertThat(oai.pages("ListIdentifiers", "metadataPrefix=oai_dc&set=kind:book").stream()
                .mapToLong(p -> p.headers().size()).sum()).isEqualTo(25);
        assertThat(oai.get("verb=ListIdentifiers&metadataPrefix=oai_dc&set=kind:map").error()).contains("noRecordsMatch");
        assertThat(oai.get("verb=ListIdentifiers&metadataPrefix=oai_dc&set=theme:hongsewenhua").error()).contains("noRecordsMatch");
    }

    @Test
    void everyErrorCodeIsAnsweredWhereItApplies() throws Exception {
        String c01 = ProviderHarness.identifier("city", "c01");
        assertThat(oai.get("verb=Nonsense").error()).contains("badVerb");
        assertThat(oai.get("foo=bar").error()).contains("badVerb");
        assertThat(oai.get("verb=Identify&verb=Identify").error()).contains("badVerb");
        assertThat(oai.get("verb=Identify&extra=1").error()).contains("badArgument");
        assertThat(oai.get("verb=GetRecord&identifier=" + c01).error()).contains("badArgument");
        assertThat(oai.get("verb=ListRecords").error()).contains("badArgument");
        assertThat(oai.get("verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=marcxml").error()).contains("badArgument");
        assertThat(oai.get("verb=ListRecords&metadataPrefix=oai_dc&from=2020-13-45").error()).contains("badArgument");
        assertThat(oai.get("verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01&until=2020-01-01T00:00:00Z").error())
                .contains("badArgument");
        assertThat(oai.get("verb=ListRecords&metadataPrefix=oai_dc&from=2021-01-01&until=2020-01-01").error())
                .contains("badArgument");
        assertThat(oai.get("verb=ListRecords&metadataPrefix=oai_dc&set=source:nowhere").error()).contains("badArgument");
        assertThat(oai.get("verb=ListRecords&metadataPrefix=oai_dc&resumptionToken=abc").error()).contains("badArgument");
        assertThat(oai.get("verb=ListRecords&resumptionToken=not-a-token").error()).contains("badResumptionToken");
        assertThat(oai.get("verb=ListSets&resumptionToken=abc").error()).contains("badResumptionToken");
        assertThat(oai.get("verb=ListRecords&metadataPrefix=mods").error()).contains("cannotDisseminateFormat");
        assertThat(oai.get("verb=GetRecord&metadataPrefix=mods&identifier=" + c01).error()).contains("cannotDisseminateFormat");
        assertThat(oai.get("verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:elsewhere:x").error()).contains("idDoesNotExist");
        assertThat(oai.get("verb=GetRecord&metadataPrefix=oai_dc&identifier=" + c01 + "x").error()).contains("idDoesNotExist");
        assertThat(oai.get("verb=ListMetadataFormats&identifier=" + c01 + "x").error()).contains("idDoesNotExist");
        assertThat(oai.get("verb=ListRecords&metadataPrefix=oai_dc&from=2099-01-01").error()).contains("noRecordsMatch");
        // a badVerb/badArgument response echoes the base URL only
        assertThat(oai.get("verb=Nonsense").xml).contains("<request>http://example.org/oai</request>");
    }

    @Test
    void aTokenIsRefusedForAnotherVerbAndOnceExpired() throws Exception {
        String token = oai.get("verb=ListRecords&metadataPrefix=oai_dc").token().orElseThrow();

        assertThat(oai.get("verb=ListIdentifiers&resumptionToken=" + token).error()).contains("badResumptionToken");
        assertThat(oai.get("verb=ListRecords&resumptionToken=" + token.substring(0, token.length() - 2)).error())
                .contains("badResumptionToken");
        assertThat(oai.get("verb=ListRecords&resumptionToken=" + token).error()).isEmpty();

        oai.clock.advance(Duration.ofHours(2));

        assertThat(oai.get("verb=ListRecords&resumptionToken=" + token).error()).contains("badResumptionToken");
    }

    @Test
    void everyRecordIsDisseminatedInOaiDcAndMarc21() throws Exception {
        String z1 = ProviderHarness.identifier("county", "z1");

        Response formats = oai.get("verb=ListMetadataFormats&identifier=" + z1);
        Response marc = oai.get("verb=GetRecord&metadataPrefix=marcxml&identifier=" + z1);

        assertThat(formats.xml).contains("<metadataPrefix>oai_dc</metadataPrefix>")
                .contains("<metadataPrefix>marcxml</metadataPrefix>");
        assertThat(marc.xml).contains("<marc:datafield tag=\"245\" ind1=\"0\" ind2=\"0\"><marc:subfield code=\"a\">长子鼓书 1<")
                .contains("<marc:datafield tag=\"852\"").contains("county 图书馆");
    }
}
