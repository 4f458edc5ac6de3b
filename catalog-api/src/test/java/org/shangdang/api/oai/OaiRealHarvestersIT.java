package org.shangdang.api.oai;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.shangdang.fixtures.FixtureScenario;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole provider harvested by the harvesters libraries actually use, Debian's {@code oai_pmh}
 * (libhttp-oai-perl) and {@code catmandu convert OAI} (libcatmandu-oai-perl), in oai_dc and marcxml, over
 * {@link RunningCatalog#PAGE_SIZE}-record pages; the MARCXML they got is converted to ISO 2709 and back by
 * {@code yaz-marcdump} (yaz).
 */
class OaiRealHarvestersIT extends RunningCatalog {

    private static final Pattern IDENTIFIER = Pattern.compile("(?m)^identifier: (.+)$");
    private static final Pattern STATUS = Pattern.compile("(?m)^status: (.*)$");
    private static final Pattern MARC_RECORD = Pattern.compile("<marc:record\\b.*?</marc:record>", Pattern.DOTALL);

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void oaiPmhHarvestsEveryPublishedRecordOnceInBothFormats() throws Exception {
        Path oaiPmh = ExternalClient.require("oai_pmh", "libhttp-oai-perl");
        for (String prefix : List.of("oai_dc", "marcxml")) {
            // given the running provider with the index's present records
            long indexed = index.count();

            // when oai_pmh harvests the whole list
            ExternalClient.Run run = ExternalClient.run(List.of(oaiPmh.toString(), "-X", "ListRecords",
                    "--metadataPrefix", prefix, base("/oai")), "", 300);

            // then every present record comes once, the deleted one as deleted, the malformed one not at all
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            Harvest harvest = oaiPmhHarvest(run.stdout());
            assertThat(harvest.duplicates()).as(prefix + " duplicates").isEmpty();
            assertThat(harvest.present()).as(prefix + " present records").hasSize((int) indexed);
            assertThat(harvest.deleted()).contains(identifier(FixtureScenario.CHANGZHI_CITY, FixtureScenario.DELETED_RECORD_ID));
            assertThat(run.stdout()).contains(prefix.equals("marcxml") ? "<marc:record" : "<oai_dc:dc");
            assertThat(harvest.present()).doesNotContain(
                    identifier(FixtureScenario.CHANGZHI_CITY, FixtureScenario.MALFORMED_RECORD_ID));
            assertThat(indexed).isGreaterThan(10L * PAGE_SIZE);
        }
    }

    @Test
    void catmanduHarvestsEveryPublishedRecordOnceInBothFormats() throws Exception {
        Path catmandu = ExternalClient.require("catmandu", "libcatmandu-oai-perl");
        for (String prefix : List.of("oai_dc", "marcxml")) {
            long indexed = index.count();

            ExternalClient.Run run = ExternalClient.run(List.of(catmandu.toString(), "convert", "OAI", "--url",
                    base("/oai"), "--metadataPrefix", prefix, "to", "JSON", "--line_delimited", "1"), "", 300);

            assertThat(run.exitCode()).as(run.stderr()).isZero();
            Set<String> present = new HashSet<>();
            Set<String> deleted = new HashSet<>();
            List<String> duplicates = new ArrayList<>();
            for (String line : run.stdout().split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode record = json.readTree(line);
                String id = record.get("_id").asString();
                boolean isDeleted = "deleted".equals(record.path("_status").asString(""));
                if (!(isDeleted ? deleted : present).add(id)) {
                    duplicates.add(id);
                }
                if (!isDeleted && prefix.equals("marcxml")) {
                    assertThat(record.get("record").toString()).as(id + " has a MARC 21 title").contains("\"245\"");
                }
                if (!isDeleted && prefix.equals("oai_dc")) {
                    assertThat(record.get("title")).as(id + " has a dc:title").isNotNull();
                }
            }
            assertThat(duplicates).as(prefix + " duplicates").isEmpty();
            assertThat(present).as(prefix + " present records").hasSize((int) indexed);
            assertThat(deleted).contains(identifier(FixtureScenario.CHANGZHI_CITY, FixtureScenario.DELETED_RECORD_ID));
        }
    }

    @Test
    void harvestedMarcXmlConvertsCleanlyToIso2709AndBackWithYazMarcdump() throws Exception {
        Path oaiPmh = ExternalClient.require("oai_pmh", "libhttp-oai-perl");
        Path marcdump = ExternalClient.require("yaz-marcdump", "yaz");
        // given the MARCXML records a harvester got, as one collection file
        ExternalClient.Run harvest = ExternalClient.run(List.of(oaiPmh.toString(), "-X", "ListRecords",
                "--metadataPrefix", "marcxml", base("/oai")), "", 300);
        assertThat(harvest.exitCode()).as(harvest.stderr()).isZero();
        List<String> records = new ArrayList<>();
        Matcher m = MARC_RECORD.matcher(harvest.stdout());
        while (m.find()) {
            records.add(m.group());
        }
        assertThat(records).hasSize((int) index.count());
        Path xml = Files.createTempFile("harvested", ".xml");
        Files.writeString(xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<marc:collection xmlns:marc=\"http://www.loc.gov/MARC21/slim\">\n" + String.join("\n", records)
                + "\n</marc:collection>\n", StandardCharsets.UTF_8);

        // when yaz-marcdump writes it as ISO 2709 and reads that back
        Path iso = Files.createTempFile("harvested", ".mrc");
        ExternalClient.Run toIso = ExternalClient.run(List.of("sh", "-c", "\"$0\" -i marcxml -o marc -f utf-8 -t utf-8 \"$1\" > \"$2\"",
                marcdump.toString(), xml.toString(), iso.toString()), "", 120);
        ExternalClient.Run lines = ExternalClient.run(List.of(marcdump.toString(), "-i", "marc", "-o", "line",
                iso.toString()), "", 120);

        // then every record survives with its leader, title and holdings, and nothing is reported broken
        assertThat(toIso.exitCode()).as(toIso.stderr()).isZero();
        assertThat(toIso.stderr()).isBlank();
        assertThat(lines.exitCode()).as(lines.stderr()).isZero();
        assertThat(lines.stderr()).isBlank();
        String dump = lines.stdout();
        assertThat(count(dump, "(?m)^001 ")).isEqualTo(records.size());
        assertThat(count(dump, "(?m)^245 ")).isEqualTo(records.size());
        assertThat(dump).contains("245 00 $a 上党梆子").contains("852    $a 长治市图书馆");
        assertThat(dump).doesNotContain("Bad").doesNotContain("bad").doesNotContain("Illegal");
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static String identifier(String sourceId, String recordId) {
        return "oai:shangdang.changzhi:" + sourceId + ":" + recordId;
    }

    /** The records of oai_pmh's output: blocks separated by form feeds, each with header lines first. */
    private static Harvest oaiPmhHarvest(String output) {
        Set<String> present = new HashSet<>();
        Set<String> deleted = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        for (String block : output.split("\f")) {
            Matcher id = IDENTIFIER.matcher(block);
            if (!id.find()) {
                continue;
            }
            Matcher status = STATUS.matcher(block);
            boolean isDeleted = status.find() && status.group(1).strip().equals("deleted");
            if (!(isDeleted ? deleted : present).add(id.group(1).strip())) {
                duplicates.add(id.group(1).strip());
            }
        }
        return new Harvest(present, deleted, duplicates);
    }

    private record Harvest(Set<String> present, Set<String> deleted, List<String> duplicates) {}
}
