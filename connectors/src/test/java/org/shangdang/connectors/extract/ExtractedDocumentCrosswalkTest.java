package org.shangdang.connectors.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Creator;
import org.shangdang.record.MediaLink;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.RecordRejectedException;
import org.shangdang.record.RecordStatus;
import org.shangdang.record.ResourceKind;
import org.shangdang.record.SourceInfo;

class ExtractedDocumentCrosswalkTest {

    private static final SourceInfo ZHANGZI = new SourceInfo("zhangzi-media", "长子县文化馆", "长子县文化馆", Optional.of("长子县"));
    private final ExtractedDocumentCrosswalk crosswalk = new ExtractedDocumentCrosswalk();

    private CanonicalRecord map(ExtractedDocument document) throws RecordRejectedException {
        RawRecord raw = new RawRecord("zhangzi-media", document.url(), Instant.parse("2024-05-01T08:00:00Z"),
                RecordFormat.EXTRACTED_DOCUMENT, ExtractedDocuments.toJson(document), RecordStatus.PRESENT);
        return crosswalk.map(raw, ZHANGZI);
    }

    @Test
    void anAudioRecordingTakesTitleArtistYearAndDurationFromItsTags() throws Exception {
        ExtractedDocument mp3 = new ExtractedDocument("file:///media/changzi-gushu.mp3", "changzi-gushu.mp3", 3_450_000,
                "audio/mpeg", Map.of("dc:title", List.of("长子鼓书 选段"), "xmpDM:artist", List.of("长子县曲艺团"),
                "xmpDM:releaseDate", List.of("2019"), "xmpDM:duration", List.of("215.4"), "xmpDM:album", List.of("上党曲艺")),
                "", false, ExtractedDocument.Ocr.notNeeded());

        CanonicalRecord record = map(mp3);

        assertThat(record.title()).isEqualTo("长子鼓书 选段");
        assertThat(record.kind()).isEqualTo(ResourceKind.AUDIO);
        assertThat(record.creators()).containsExactly(Creator.of("长子县曲艺团"));
        assertThat(record.year()).contains(2019);
        assertThat(record.notes()).contains("时长: 3:35", "专辑: 上党曲艺");
        assertThat(record.media()).containsExactly(new MediaLink(MediaLink.Kind.AUDIO, "file:///media/changzi-gushu.mp3",
                Optional.of("changzi-gushu.mp3"), Optional.of("audio/mpeg"), Optional.of(3_450_000L)));
        assertThat(record.county()).contains("长子县");
        assertThat(record.fullText()).isEmpty();
    }

    @Test
    void aPdfWithoutATitleIsNamedAfterItsFileAndKeepsItsTextAsFullText() throws Exception {
        ExtractedDocument pdf = new ExtractedDocument("file:///inbox/%E6%BD%9E.pdf", "潞安府志-卷一.pdf", 120_000,
                "application/pdf", Map.of("xmpTPg:NPages", List.of("3"), "dcterms:created", List.of("2023-04-01T10:00:00Z")),
                "潞安府志卷之一", false, ExtractedDocument.Ocr.notNeeded());

        CanonicalRecord record = map(pdf);

        assertThat(record.title()).isEqualTo("潞安府志-卷一");
        assertThat(record.kind()).isEqualTo(ResourceKind.EBOOK);
        assertThat(record.fullText()).contains("潞安府志卷之一");
        assertThat(record.languages()).containsExactly("chi");
        assertThat(record.year()).contains(2023);
        assertThat(record.notes()).contains("页数: 3");
        assertThat(record.media()).extracting(MediaLink::kind).containsExactly(MediaLink.Kind.PDF);
    }

    @Test
    void aPhotoKeepsCameraAndPositionAndSaysWhenOcrFoundNothing() throws Exception {
        ExtractedDocument photo = new ExtractedDocument("file:///inbox/balujun.jpg", "balujun.jpg", 80_000, "image/jpeg",
                Map.of("tiff:Make", List.of("Canon"), "tiff:Model", List.of("EOS 5D"), "geo:lat", List.of("36.84"),
                        "geo:long", List.of("113.37")), "", false,
                new ExtractedDocument.Ocr(ExtractedDocument.OcrStatus.NO_TEXT, Optional.of("chi_sim"), Optional.of(12.0),
                        Optional.of("no legible text: mean confidence 12.0 < 50")));

        CanonicalRecord record = map(photo);

        assertThat(record.kind()).isEqualTo(ResourceKind.IMAGE);
        assertThat(record.notes()).contains("相机: Canon EOS 5D", "拍摄位置: 36.84, 113.37",
                "no legible text: mean confidence 12.0 < 50");
        assertThat(record.media()).extracting(MediaLink::kind).containsExactly(MediaLink.Kind.IMAGE);
    }

    @Test
    void otherTypesAreFileLinksOfKindOther() throws Exception {
        ExtractedDocument zip = new ExtractedDocument("file:///inbox/a.zip", "a.zip", 10, "application/zip", Map.of(),
                "a.txt", false, null);

        CanonicalRecord record = map(zip);

        assertThat(record.kind()).isEqualTo(ResourceKind.OTHER);
        assertThat(record.media()).extracting(MediaLink::kind).containsExactly(MediaLink.Kind.FILE);
    }

    @Test
    void aPayloadThatIsNotAnExtractedDocumentIsRejected() {
        RawRecord raw = new RawRecord("s", "r", Instant.EPOCH, RecordFormat.EXTRACTED_DOCUMENT,
                "<not json/>".getBytes(StandardCharsets.UTF_8), RecordStatus.PRESENT);

        assertThatThrownBy(() -> crosswalk.map(raw, ZHANGZI))
                .isInstanceOf(RecordRejectedException.class)
                .hasMessage("s:r: payload is not an extracted document (11 bytes)");
    }
}
