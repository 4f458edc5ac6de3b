package org.shangdang.api.sru;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.shangdang.api.oai.ExternalClient;
import org.shangdang.api.oai.RunningCatalog;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SRU searchRetrieve as a library client sends it: Debian's {@code yaz-client} (yaz) with {@code sru get 1.2} and
 * {@code sru get 2.0}, CQL queries, MARCXML records. Expected hit counts come from the JSON search API.
 */
class SruYazClientIT extends RunningCatalog {

    private static final Pattern HITS = Pattern.compile("Number of hits: (\\d+)");
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void yazClientSearchesInSru12And20WithTheExpectedHitCountsAndMarcXmlRecords() throws Exception {
        Path yaz = ExternalClient.require("yaz-client", "yaz");
        // given what the JSON API finds: all records with the words, and those holding them in a title
        long anywhere = total("/api/search?size=1&q=" + enc("上党梆子"));
        List<JsonNode> titled = titled("上党梆子");
        long titledIn2009 = titled.stream().filter(r -> r.path("year").asInt(0) == 2009).count();
        assertThat(titled).isNotEmpty().hasSizeLessThanOrEqualTo((int) anywhere);

        for (String version : List.of("1.2", "2.0")) {
            // when yaz-client runs the same searches over SRU
            ExternalClient.Run run = ExternalClient.run(List.of(yaz.toString()), String.join("\n",
                    "sru get " + version,
                    "open " + base("/sru"),
                    "schema marcxml",
                    "querytype cql",
                    "find 上党梆子",
                    "find dc.title=上党梆子",
                    "show 1+2",
                    "find dc.title=上党梆子 and dc.date=2009",
                    "find dc.nonsense=上党梆子",
                    "quit", ""), 120);

            // then the hit counts agree and the records are MARC 21 in MARCXML
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            List<Long> hits = HITS.matcher(run.stdout()).results().map(r -> Long.parseLong(r.group(1))).toList();
            assertThat(hits).as(version + ": " + run.stdout())
                    .startsWith(anywhere, (long) titled.size(), (long) titled.size(), titledIn2009);
            assertThat(run.stdout()).as(version).contains("pos=1 schema=info:srw/schema/1/marcxml-v1.1")
                    .contains("pos=2 schema=info:srw/schema/1/marcxml-v1.1")
                    .contains("<marc:record xmlns:marc=\"http://www.loc.gov/MARC21/slim\">")
                    .contains("tag=\"245\"")
                    .contains("SRW diagnostic info:srw/diagnostic/1/16");
            Matcher titles = Pattern.compile("tag=\"245\" ind1=\"0\" ind2=\"0\"><marc:subfield code=\"a\">([^<]*)<")
                    .matcher(run.stdout());
            int shown = 0;
            while (titles.find()) {
                shown++;
            }
            assertThat(shown).isEqualTo(2);
        }
    }

    private long total(String path) throws Exception {
        return json.readTree(get(path)).get("total").asLong();
    }

    /** The records (JSON) holding the text in their title, parallel or other titles, from the JSON API. */
    private List<JsonNode> titled(String text) throws Exception {
        List<JsonNode> titled = new ArrayList<>();
        for (int page = 1; ; page++) {
            // Records, not works: SRU answers with records.
            JsonNode body = json.readTree(get("/api/search?collapse=false&size=100&page=" + page + "&q=" + enc(text)));
            for (JsonNode hit : body.get("hits")) {
                JsonNode record = json.readTree(get("/api/records/" + hit.get("id").asString()));
                if (titles(record).stream().anyMatch(t -> t.contains(text))) {
                    titled.add(record);
                }
            }
            if (body.get("hits").size() < 100) {
                return titled;
            }
        }
    }

    static List<String> titles(JsonNode record) {
        List<String> titles = new ArrayList<>();
        titles.add(record.get("title").asString());
        record.path("parallelTitles").forEach(t -> titles.add(t.asString()));
        record.path("otherTitles").forEach(t -> titles.add(t.asString()));
        return titles;
    }
}
