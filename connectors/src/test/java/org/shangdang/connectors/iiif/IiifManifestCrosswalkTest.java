package org.shangdang.connectors.iiif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.shangdang.connectors.iiif.IiifFixtures.BASE;
import static org.shangdang.connectors.iiif.IiifFixtures.document;
import static org.shangdang.connectors.iiif.IiifFixtures.raw;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Creator;
import org.shangdang.record.MediaLink;
import org.shangdang.record.RecordRejectedException;
import org.shangdang.record.ResourceKind;
import org.shangdang.record.SourceInfo;

class IiifManifestCrosswalkTest {

    private static final SourceInfo CHANGZHI = new SourceInfo("changzhi-iiif", "长治市图书馆 IIIF", "长治市图书馆", Optional.empty());
    private final IiifManifestCrosswalk crosswalk = new IiifManifestCrosswalk();

    private CanonicalRecord map(String path) throws RecordRejectedException {
        return crosswalk.map(raw("changzhi-iiif", path, document(path)), CHANGZHI);
    }

    @Test
    void aV3RareBookTakesItsTitleFromTheSimplifiedChineseLabelAndKeepsTheOthersAsParallelTitles() throws Exception {
        CanonicalRecord book = map("changzhi/manifests/luanfuzhi.json");

        assertThat(book.title()).isEqualTo("潞安府志　卷一");
        assertThat(book.parallelTitles()).containsExactly("Gazetteer of Lu'an Prefecture, juan 1");
        assertThat(book.description()).contains("清顺治十六年刻本，记潞安府（今长治）沿革、山川、风俗。");
        assertThat(book.notes()).anyMatch(n -> n.startsWith("简介: 清順治十六年刻本"));
        assertThat(book.creators()).containsExactly(Creator.of("楊晙"));
        assertThat(book.year()).contains(1659);
        assertThat(book.subjects()).containsExactly("史部 地理类 方志");
        assertThat(book.notes()).contains("索书号: 善 0127", "IIIF 画布 3 幅");
        assertThat(book.kind()).isEqualTo(ResourceKind.RARE_BOOK);
        assertThat(book.themes()).containsExactly("古籍");
        assertThat(book.rights()).contains("长治市图书馆藏; http://creativecommons.org/licenses/by-nc/4.0/");
        assertThat(book.publisher()).contains("长治市图书馆");
        assertThat(book.languages()).containsExactly("chi", "eng");
    }

    @Test
    void keepsTheManifestUrlThumbnailPdfAndOcrLinksButNotMetadataSeeAlso() throws Exception {
        CanonicalRecord book = map("changzhi/manifests/luanfuzhi.json");

        assertThat(book.media()).extracting(MediaLink::kind, MediaLink::url).containsExactly(
                org.assertj.core.groups.Tuple.tuple(MediaLink.Kind.IIIF_MANIFEST, BASE + "/iiif/changzhi/manifests/luanfuzhi.json"),
                org.assertj.core.groups.Tuple.tuple(MediaLink.Kind.THUMBNAIL, BASE + "/iiif/image/luanfuzhi-001/full/200,/0/default.jpg"),
                org.assertj.core.groups.Tuple.tuple(MediaLink.Kind.PDF, BASE + "/iiif/changzhi/pdf/luanfuzhi.pdf"),
                org.assertj.core.groups.Tuple.tuple(MediaLink.Kind.OCR_TEXT, BASE + "/iiif/changzhi/ocr/luanfuzhi.txt"),
                org.assertj.core.groups.Tuple.tuple(MediaLink.Kind.WEB_PAGE, "https://lib.changzhi.example/guji/luanfuzhi"));
        assertThat(book.media().get(2).mimeType()).contains("application/pdf");
        assertThat(book.media().get(3).label()).contains("OCR 全文");
    }

    @Test
    void aV2ManifestReadsLanguageTaggedValuesAttributionLicenceAndSequenceCanvases() throws Exception {
        CanonicalRecord album = map("changzhi/manifests/balujun-zongbu-album.json");

        assertThat(album.title()).isEqualTo("八路军总部旧址 照片集");
        assertThat(album.parallelTitles()).containsExactly("八路軍總部舊址 照片集",
                "Former Headquarters of the Eighth Route Army: photo album");
        assertThat(album.description()).contains("武乡县王家峪、砖壁八路军总部旧址照片，太行精神教育资料。");
        assertThat(album.creators()).extracting(Creator::name).containsExactly("长治市图书馆地方文献部");
        assertThat(album.year()).contains(2021);
        assertThat(album.subjects()).containsExactly("红色文化", "太行精神");
        assertThat(album.notes()).contains("地点: 武乡县", "摄影者: 长治市图书馆地方文献部", "IIIF 画布 2 幅");
        assertThat(album.rights()).contains("长治市图书馆提供; http://rightsstatements.org/vocab/InC-EDU/1.0/");
        assertThat(album.kind()).isEqualTo(ResourceKind.IMAGE);
        assertThat(album.media()).extracting(MediaLink::kind).containsExactly(
                MediaLink.Kind.IIIF_MANIFEST, MediaLink.Kind.THUMBNAIL, MediaLink.Kind.WEB_PAGE);
    }

    @Test
    void soundOnTheCanvasesMakesAnAudioRecordWithItsAudioLink() throws Exception {
        CanonicalRecord song = map("changzhi/manifests/taihang-song-audio.json");

        assertThat(song.kind()).isEqualTo(ResourceKind.AUDIO);
        assertThat(song.year()).contains(1938);
        assertThat(song.media()).filteredOn(m -> m.kind() == MediaLink.Kind.AUDIO)
                .extracting(MediaLink::url, MediaLink::mimeType, MediaLink::label)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(BASE + "/media/taihang-shan-shang.mp3",
                        Optional.of("audio/mpeg"), Optional.of("全曲")));
    }

    @Test
    void aDeclaredRareBookSourceMakesEveryManifestARareBook() throws Exception {
        String json = document("changzhi/manifests/balujun-zongbu-album.json");

        CanonicalRecord album = new IiifManifestCrosswalk(Set.of("changzhi-guji"))
                .map(raw("changzhi-guji", "album", json), CHANGZHI);

        assertThat(album.kind()).isEqualTo(ResourceKind.RARE_BOOK);
    }

    @Test
    void aManifestWithoutALabelIsRejectedNamingTheManifest() {
        assertThatThrownBy(() -> map("changzhi/manifests/untitled-scan.json"))
                .isInstanceOf(RecordRejectedException.class)
                .hasMessage("changzhi-iiif:changzhi/manifests/untitled-scan.json: manifest "
                        + BASE + "/iiif/changzhi/manifests/untitled-scan.json has no label (required by IIIF 3)");
    }

    @Test
    void invalidJsonIsRejectedWithWhereItBroke() {
        assertThatThrownBy(() -> crosswalk.map(raw("s", "r", "{\"label\": \"x\",,}"), CHANGZHI))
                .isInstanceOf(RecordRejectedException.class)
                .hasMessageStartingWith("s:r: not valid JSON at line 1, column 15");
    }

    @Test
    void aCollectionIsRejectedAsNotAManifest() {
        assertThatThrownBy(() -> crosswalk.map(raw("s", "c", document("changzhi/red-culture/collection.json")), CHANGZHI))
                .isInstanceOf(RecordRejectedException.class)
                .hasMessage("s:c: a IIIF sc:Collection, not a Manifest");
    }

    @Test
    void nestingBeyondTheLimitIsRefusedBeforeItCanExhaustTheStack() {
        String deep = "{\"type\":\"Manifest\",\"label\":\"x\",\"metadata\":" + "[".repeat(500) + "]".repeat(500) + "}";

        assertThatThrownBy(() -> crosswalk.map(raw("s", "deep", deep), CHANGZHI))
                .isInstanceOf(RecordRejectedException.class)
                .hasMessageContaining("not valid JSON")
                .hasMessageContaining("nesting depth");
    }
}
