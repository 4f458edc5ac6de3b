package org.shangdang.api.sru;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.shangdang.api.oai.RunningCatalog;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** SRU over HTTP: versions, CQL semantics checked against the JSON search API, paging and diagnostics. */
class SruProtocolIT extends RunningCatalog {

    private static final Pattern COUNT = Pattern.compile("numberOfRecords>(\\d+)<");
    private static final Pattern ID = Pattern.compile("tag=\"001\">([^<]+)<");
    private static final Pattern DIAGNOSTIC = Pattern.compile("uri>info:srw/diagnostic/1/(\\d+)<");
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void versionFollowsTheVersionAndOperationParameters() throws Exception {
        assertThat(get("/sru?version=1.2&operation=searchRetrieve&query=" + enc("长治")))
                .contains("<srw:searchRetrieveResponse xmlns:srw=\"http://www.loc.gov/zing/srw/\"><srw:version>1.2<");
        assertThat(get("/sru?operation=searchRetrieve&query=" + enc("长治"))).contains("<srw:version>1.2<");
        assertThat(get("/sru?query=" + enc("长治"))).contains("http://docs.oasis-open.org/ns/search-ws/sruResponse")
                .contains("<sruResponse:version>2.0<");
        assertThat(get("/sru")).contains("explainResponse").contains("<sruResponse:version>2.0<");
        assertThat(get("/sru?version=1.2&operation=explain")).contains("<srw:explainResponse").contains("zr:explain");
    }

    @Test
    void booleansAndIndexesMatchWhatTheJsonApiFinds() throws Exception {
        Set<String> changzhi = ids("/api/search?q=" + enc("长治"));
        Set<String> taihang = ids("/api/search?q=" + enc("太行"));
        Set<String> both = ids("/api/search?q=" + enc("长治 太行"));
        Set<String> either = new HashSet<>(changzhi);
        either.addAll(taihang);
        Set<String> onlyChangzhi = new HashSet<>(changzhi);
        onlyChangzhi.removeAll(taihang);

        assertThat(sruIds("长治 and 太行")).isEqualTo(both);
        assertThat(sruIds("长治 or 太行")).isEqualTo(either);
        assertThat(sruIds("长治 not 太行")).isEqualTo(onlyChangzhi);
        assertThat(sruIds("cql.anywhere all \"长治 太行\"")).isEqualTo(both);
        assertThat(sruIds("cql.anywhere any \"长治 太行\"")).isEqualTo(either);
        assertThat(count("dc.date=2009")).isEqualTo(total("/api/search?size=1&year=2009"));
        assertThat(count("dc.date within \"2009 2011\"")).isEqualTo(total("/api/search?size=1&year=2009&year=2010&year=2011"));
        Set<String> titled = sruIds("dc.title=上党梆子");
        assertThat(titled).isNotEmpty().isSubsetOf(ids("/api/search?q=" + enc("上党梆子")));
        for (String id : titled) {
            assertThat(SruYazClientIT.titles(json.readTree(get("/api/records/" + id)))).anySatisfy(
                    t -> assertThat(t).contains("上党梆子"));
        }
        assertThat(sruIds("dc.title==上党梆子")).isNotEmpty().isSubsetOf(titled).allSatisfy(id -> assertThat(
                SruYazClientIT.titles(json.readTree(get("/api/records/" + id)))).contains("上党梆子"));
        assertThat(sruIds("bath.isbn=9787203063186")).isNotEmpty().allSatisfy(id -> assertThat(
                json.readTree(get("/api/records/" + id)).get("isbns").toString()).contains("978-7-203-06318-6"));
        assertThat(sruIds("dc.creator=栗建国")).isNotEmpty();
        assertThat(sruIds("dc.subject=地方戏")).isNotEmpty();
    }

    @Test
    void startRecordAndMaximumRecordsPageWithoutOverlap() throws Exception {
        String first = get("/sru?version=1.2&operation=searchRetrieve&maximumRecords=3&query=" + enc("上党梆子"));
        String second = get("/sru?version=1.2&operation=searchRetrieve&startRecord=4&maximumRecords=3&query=" + enc("上党梆子"));

        assertThat(first).contains("<srw:nextRecordPosition>4<").contains("<srw:recordPosition>1<");
        assertThat(second).contains("<srw:recordPosition>4<");
        List<String> a = matches(ID, first);
        List<String> b = matches(ID, second);
        assertThat(a).hasSize(3);
        assertThat(b).hasSize(3).doesNotContainAnyElementsOf(a);
        assertThat(get("/sru?version=1.2&operation=searchRetrieve&maximumRecords=0&query=" + enc("上党梆子")))
                .doesNotContain("<srw:record>").contains("numberOfRecords>");
    }

    @Test
    void recordSchemasAndPackings() throws Exception {
        assertThat(get("/sru?version=1.2&operation=searchRetrieve&recordSchema=dc&query=" + enc("上党梆子")))
                .contains("<srw:recordSchema>info:srw/schema/1/dc-v1.1<").contains("<srw_dc:dc").contains("<dc:title>");
        assertThat(get("/sru?version=1.2&operation=searchRetrieve&recordPacking=string&query=" + enc("上党梆子")))
                .contains("<srw:recordPacking>string<").contains("&lt;marc:record");
        assertThat(get("/sru?version=2.0&recordXMLEscaping=string&query=" + enc("上党梆子")))
                .contains("<sruResponse:recordXMLEscaping>string<").contains("&lt;marc:record");
    }

    @Test
    void unsupportedThingsGetTheStandardDiagnostics() throws Exception {
        assertThat(diagnostic("version=1.2&operation=searchRetrieve")).isEqualTo(7);
        assertThat(diagnostic("version=3.0&query=a")).isEqualTo(5);
        assertThat(diagnostic("version=1.2&operation=scan&scanClause=dc.title=a")).isEqualTo(4);
        assertThat(diagnostic("version=1.2&operation=frobnicate")).isEqualTo(4);
        assertThat(diagnostic("version=1.2&operation=searchRetrieve&query=a&recordSchema=mods")).isEqualTo(66);
        assertThat(diagnostic("version=1.2&operation=searchRetrieve&query=a&recordPacking=json")).isEqualTo(71);
        assertThat(diagnostic("version=1.2&operation=searchRetrieve&query=a&startRecord=x")).isEqualTo(6);
        assertThat(diagnostic("version=1.2&operation=searchRetrieve&query=a&sortKeys=title")).isEqualTo(80);
        assertThat(diagnostic("version=1.2&operation=searchRetrieve&query=a&bogus=1")).isEqualTo(8);
        assertThat(diagnostic("version=1.2&operation=searchRetrieve&startRecord=100000&query=" + enc("上党梆子"))).isEqualTo(61);
        assertThat(cqlDiagnostic("dc.title=")).isEqualTo(10);
        assertThat(cqlDiagnostic("dc.nonsense=长治")).isEqualTo(16);
        assertThat(cqlDiagnostic("marc.245=长治")).isEqualTo(15);
        assertThat(cqlDiagnostic("dc.title < 长治")).isEqualTo(19);
        assertThat(cqlDiagnostic("cql.serverChoice == 长治")).isEqualTo(19);
        assertThat(cqlDiagnostic("dc.title =/stem 长治")).isEqualTo(20);
        assertThat(cqlDiagnostic("dc.title=\"\"")).isEqualTo(27);
        assertThat(cqlDiagnostic("长治*")).isEqualTo(28);
        assertThat(cqlDiagnostic("^长治")).isEqualTo(31);
        assertThat(cqlDiagnostic("dc.date=明代")).isEqualTo(36);
        assertThat(cqlDiagnostic("长治 prox 太行")).isEqualTo(37);
    }

    private int cqlDiagnostic(String cql) throws Exception {
        return diagnostic("version=2.0&query=" + enc(cql));
    }

    private int diagnostic(String query) throws Exception {
        String body = get("/sru?" + query);
        List<String> codes = matches(DIAGNOSTIC, body);
        assertThat(codes).as(query + ": " + body).isNotEmpty();
        return Integer.parseInt(codes.get(0));
    }

    private long count(String cql) throws Exception {
        String body = get("/sru?version=1.2&operation=searchRetrieve&maximumRecords=0&query=" + enc(cql));
        assertThat(body).as(cql).doesNotContain("diagnostic");
        Matcher m = COUNT.matcher(body);
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    private Set<String> sruIds(String cql) throws Exception {
        Set<String> ids = new HashSet<>();
        long total = count(cql);
        for (int start = 1; start <= total; start += 100) {
            String body = get("/sru?version=1.2&operation=searchRetrieve&maximumRecords=100&startRecord=" + start
                    + "&query=" + enc(cql));
            for (String id : matches(ID, body)) {
                assertThat(ids.add(id)).as("duplicate %s for %s", id, cql).isTrue();
            }
        }
        assertThat(ids).as(cql).hasSize((int) total);
        return ids;
    }

    private Set<String> ids(String path) throws Exception {
        Set<String> ids = new HashSet<>();
        for (int page = 1; ; page++) {
            // Records, not works: SRU answers with records.
            JsonNode body = json.readTree(get(path + "&collapse=false&size=100&page=" + page));
            body.get("hits").forEach(h -> ids.add(h.get("id").asString()));
            if (body.get("hits").size() < 100) {
                return ids;
            }
        }
    }

    private long total(String path) throws Exception {
        return json.readTree(get(path)).get("total").asLong();
    }

    private static List<String> matches(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
