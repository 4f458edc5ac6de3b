package org.shangdang.connectors.iso2709;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.marc4j.converter.impl.UnicodeToAnsel;
import org.shangdang.connectors.Crosswalks;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.SourceInfo;

/** ISO 2709 framing, per-record encoding detection and per-record rejection, on records built byte by byte. */
class Iso2709ReaderTest {

    private static final Charset GBK = Charset.forName("GBK");
    private static final Instant FILE_TIME = Instant.parse("2026-11-28T18:00:00Z");
    private static final SourceInfo SOURCE = new SourceInfo("tunliu-county", "屯留区图书馆 文件", "屯留区图书馆", Optional.of("屯留区"));
    private static final String CNMARC_LEADER = "00000nam0 2200000   450 ";
    private static final String MARC21_LEADER = "00000cam a2200000 a 4500";

    private static List<MarcFileEntry> read(byte[] file) {
        List<MarcFileEntry> entries = new ArrayList<>();
        try (Iso2709Reader reader = new Iso2709Reader("tunliu-county", "drop.iso", new ByteArrayInputStream(file), FILE_TIME)) {
            reader.forEachRemaining(entries::add);
        }
        return entries;
    }

    private static byte[] cnmarc(String id, Charset charset, String title) {
        return Iso2709Bytes.record(CNMARC_LEADER).control("001", id).control("005", "20240315093012.0")
                .field("100", StandardCharsets.US_ASCII, "a", "20240315d2020    em y0chiy0120    ea")
                .field("200", charset, "a", title, "f", "屯留区文化馆编")
                .field("905", charset, "a", "屯留区图书馆", "c", "悦读长治·老爷山景区书吧")
                .field("906", charset, "a", "0031001", "b", "1404050031001")
                .bytes();
    }

    private static MarcFileEntry.Accepted accepted(MarcFileEntry entry) {
        assertThat(entry).isInstanceOf(MarcFileEntry.Accepted.class);
        return (MarcFileEntry.Accepted) entry;
    }

    @Test
    void gbkRecordIsReadAsGbkWhatever100ClaimsAndCrosswalksWithChineseText() throws Exception {
        // given a GBK CNMARC record whose 100$a/26-29 claims GB2312 ("0120") and a UTF-8 one in the same file
        byte[] file = Iso2709Bytes.concat(cnmarc("tl-1", GBK, "屯留道情选编"), cnmarc("tl-2", StandardCharsets.UTF_8, "屯留区志"));
        // when
        List<MarcFileEntry> entries = read(file);
        // then each record is decoded in its own encoding
        assertThat(entries).hasSize(2);
        assertThat(accepted(entries.get(0)).encoding()).isEqualTo(MarcEncoding.GB18030);
        assertThat(accepted(entries.get(1)).encoding()).isEqualTo(MarcEncoding.UTF_8);
        RawRecord raw = accepted(entries.get(0)).record();
        assertThat(raw.format()).isEqualTo(RecordFormat.MARCXML);
        assertThat(raw.recordId()).isEqualTo("tl-1");
        assertThat(raw.datestamp()).isEqualTo(Instant.parse("2024-03-15T09:30:12Z"));
        CanonicalRecord record = Crosswalks.standard().map(raw, SOURCE);
        assertThat(record.title()).isEqualTo("屯留道情选编");
        assertThat(record.holdings()).singleElement().satisfies(h -> {
            assertThat(h.location()).contains("悦读长治·老爷山景区书吧");
            assertThat(h.barcode()).contains("1404050031001");
        });
    }

    @Test
    void marc8EaccChineseAndMarc8DiacriticsAreReadAsMarc8() throws Exception {
        // given MARC-8 made by marc4j: EACC CJK (ESC $ 1) in one record, Latin diacritics in another
        byte[] chinese = new UnicodeToAnsel().convert("长治市志").getBytes(StandardCharsets.ISO_8859_1);
        byte[] french = new UnicodeToAnsel().convert("Café de la Rivière").getBytes(StandardCharsets.ISO_8859_1);
        byte[] file = Iso2709Bytes.concat(
                Iso2709Bytes.record(MARC21_LEADER).control("001", "m8-1").rawField("245", chinese).bytes(),
                Iso2709Bytes.record(MARC21_LEADER).control("001", "m8-2").rawField("245", french).bytes());
        // when
        List<MarcFileEntry> entries = read(file);
        // then
        assertThat(entries).allSatisfy(e -> assertThat(accepted(e).encoding()).isEqualTo(MarcEncoding.MARC_8));
        assertThat(Crosswalks.standard().map(accepted(entries.get(0)).record(), SOURCE).title()).isEqualTo("长治市志");
        assertThat(Crosswalks.standard().map(accepted(entries.get(1)).record(), SOURCE).title()).isEqualTo("Café de la Rivière");
    }

    @Test
    void undecodableRecordIsRejectedWithItsOffsetAndTheNextOneIsRead() {
        // given a good record, one whose 245 no encoding decodes (0xFF), and another good one
        byte[] first = cnmarc("tl-1", StandardCharsets.UTF_8, "上党梆子");
        byte[] bad = Iso2709Bytes.record(MARC21_LEADER).control("001", "bad-1").rawField("245", new byte[] {'A', (byte) 0xFF, 'B'}).bytes();
        byte[] file = Iso2709Bytes.concat(first, bad, cnmarc("tl-3", StandardCharsets.UTF_8, "沁州三弦书"));
        // when
        List<MarcFileEntry> entries = read(file);
        // then
        assertThat(entries).hasSize(3);
        assertThat(entries.get(1)).isInstanceOfSatisfying(MarcFileEntry.Rejected.class, r -> {
            assertThat(r.offset()).isEqualTo(first.length);
            assertThat(r.reason()).contains("drop.iso", "byte " + first.length, "001=bad-1", "UTF-8", "MARC-8", "GB18030", "245");
            // its bytes as in the file, so that it can be read again after a fix
            assertThat(r.bytes()).isEqualTo(bad);
        });
        assertThat(accepted(entries.get(2)).record().recordId()).isEqualTo("tl-3");
    }

    @Test
    void wrongRecordLengthAndBrokenDirectoryAreRejectedAndReadingResynchronises() {
        // given a record whose leader length is off by one, one whose directory points past its end, then a good one
        byte[] offByOne = cnmarc("tl-1", StandardCharsets.UTF_8, "长子鼓书");
        offByOne[4] = (byte) (offByOne[4] + 1);
        byte[] pastEnd = cnmarc("tl-2", StandardCharsets.UTF_8, "壶关秧歌");
        pastEnd[24 + 3] = '9';
        byte[] file = Iso2709Bytes.concat(offByOne, "\r\n".getBytes(StandardCharsets.US_ASCII), pastEnd,
                cnmarc("tl-3", StandardCharsets.UTF_8, "武乡鼓书"));
        // when
        List<MarcFileEntry> entries = read(file);
        // then
        assertThat(entries).hasSize(3);
        assertThat(((MarcFileEntry.Rejected) entries.get(0)).reason()).contains("leader record length");
        assertThat(entries.get(1).offset()).isEqualTo(offByOne.length + 2);
        assertThat(((MarcFileEntry.Rejected) entries.get(1)).reason()).contains("field 001", "runs past the end");
        // each keeps its own bytes, without the CR LF between them
        assertThat(((MarcFileEntry.Rejected) entries.get(0)).bytes()).isEqualTo(offByOne);
        assertThat(((MarcFileEntry.Rejected) entries.get(1)).bytes()).isEqualTo(pastEnd);
        assertThat(accepted(entries.get(2)).record().recordId()).isEqualTo("tl-3");
    }

    @Test
    void bytesAfterTheLastTerminatorAreRejectedAsTruncated() {
        byte[] good = cnmarc("tl-1", StandardCharsets.UTF_8, "长治");
        byte[] cut = java.util.Arrays.copyOf(cnmarc("tl-2", StandardCharsets.UTF_8, "潞城"), 100);
        List<MarcFileEntry> entries = read(Iso2709Bytes.concat(good, cut));
        assertThat(entries).hasSize(2);
        assertThat(entries.get(1)).isInstanceOfSatisfying(MarcFileEntry.Rejected.class,
                r -> {
                    assertThat(r.reason()).contains("truncated", "100 bytes");
                    assertThat(r.bytes()).isEqualTo(cut);
                });
    }

    @Test
    void recordWithoutControlNumberIsRejectedAndOneWithout005GetsTheFileTime() {
        byte[] noId = Iso2709Bytes.record(CNMARC_LEADER).field("200", StandardCharsets.UTF_8, "a", "无号记录").bytes();
        byte[] no005 = Iso2709Bytes.record(CNMARC_LEADER).control("001", "tl-9").field("200", StandardCharsets.UTF_8, "a", "平顺").bytes();
        List<MarcFileEntry> entries = read(Iso2709Bytes.concat(noId, no005));
        assertThat(((MarcFileEntry.Rejected) entries.get(0)).reason()).contains("no control number (001)", "无号记录");
        assertThat(accepted(entries.get(1)).record().datestamp()).isEqualTo(FILE_TIME);
    }

    @Test
    void controlCharactersBecomeReplacementCharactersSoTheMarcXmlStaysWellFormed() throws Exception {
        byte[] record = Iso2709Bytes.record(CNMARC_LEADER).control("001", "tl-5").rawField("200", new byte[] {'A', 0x14, 'B'}).bytes();
        RawRecord raw = accepted(read(record).get(0)).record();
        assertThat(Crosswalks.standard().map(raw, SOURCE).title()).isEqualTo("A\uFFFDB");
    }
}
