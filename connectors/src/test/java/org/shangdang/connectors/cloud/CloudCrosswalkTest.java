package org.shangdang.connectors.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.shangdang.connectors.CrosswalkFixtures.CHANGZHI;
import static org.shangdang.connectors.CrosswalkFixtures.resource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.shangdang.connectors.Crosswalks;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Creator;
import org.shangdang.record.Event;
import org.shangdang.record.MediaLink;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.RecordRejectedException;
import org.shangdang.record.RecordStatus;
import org.shangdang.record.ResourceKind;
import tools.jackson.databind.JsonNode;

/** Items of the fixture pages (fixtures/clouds) mapped by the standard crosswalks. */
class CloudCrosswalkTest {

    private static final Instant UPDATED = Instant.parse("2024-06-01T00:00:00Z");

    /** The item with this id on a fixture page, as the harvester stores it. */
    private static RawRecord item(RecordFormat format, String page, String listField, String idField, String id) {
        JsonNode body = CloudJson.MAPPER.readTree(resource("fixtures/clouds/" + page));
        JsonNode list = format == RecordFormat.NATIONAL_CLOUD_JSON ? body.path("data").path(listField)
                : body.path("result").path(listField);
        for (JsonNode item : list.values()) {
            if (id.equals(item.path(idField).asString())) {
                return new RawRecord("cloud", id, UPDATED, format, CloudJson.bytes(item), RecordStatus.PRESENT);
            }
        }
        throw new IllegalArgumentException("no item " + id + " in " + page);
    }

    private static RawRecord national(String page, String id) {
        return item(RecordFormat.NATIONAL_CLOUD_JSON, "national/" + page, "list", "resourceId", id);
    }

    private static RawRecord shanxi(String page, String id) {
        return item(RecordFormat.SHANXI_CLOUD_JSON, "shanxi/" + page, "records", "id", id);
    }

    @Test
    void aNationalPerformanceVideoKeepsItsMediaRunningTimeCountyAndRights() throws RecordRejectedException {
        CanonicalRecord video = Crosswalks.standard().map(national("resources-page-1.json", "NCPC-V-2024-014501"), CHANGZHI);

        assertThat(video.kind()).isEqualTo(ResourceKind.VIDEO);
        assertThat(video.format()).isEqualTo(RecordFormat.NATIONAL_CLOUD_JSON);
        assertThat(video.title()).isEqualTo("上党梆子《三关排宴》全场演出");
        assertThat(video.creators()).containsExactly(Creator.of("长治市上党梆子剧团", "演出"));
        assertThat(video.county()).hasValue("潞州区");
        assertThat(video.library()).isEqualTo(CHANGZHI.library());
        assertThat(video.subjects()).contains("上党梆子", "戏曲");
        assertThat(video.media()).extracting(MediaLink::kind)
                .containsExactly(MediaLink.Kind.THUMBNAIL, MediaLink.Kind.VIDEO, MediaLink.Kind.WEB_PAGE);
        assertThat(video.media().get(1).url()).endsWith("/NCPC-V-2024-014501/index.m3u8");
        assertThat(video.notes()).contains("时长 02:01:00");
        assertThat(video.rights()).hasValueSatisfying(r -> assertThat(r).contains("长治市文化和旅游局"));
        assertThat(video.year()).hasValue(2024);
    }

    @Test
    void anActivityAtTheCityLibrarySaysWhenAndWhereInBeijingTime() throws RecordRejectedException {
        CanonicalRecord national = Crosswalks.standard().map(national("resources-page-2.json", "NCPC-H-2024-050601"), CHANGZHI);
        CanonicalRecord shanxi = Crosswalks.standard().map(shanxi("resource-list-page-2.json", "1788203311002241034"), CHANGZHI);

        assertThat(national.kind()).isEqualTo(ResourceKind.ACTIVITY);
        assertThat(national.notes()).contains("活动时间 2024-07-06 09:30 至 11:30",
                "活动地点 长治市图书馆 三楼少儿阅览室（山西省长治市潞州区英雄中路长治市图书馆）");
        assertThat(shanxi.kind()).isEqualTo(ResourceKind.ACTIVITY);
        assertThat(shanxi.notes()).contains("活动时间 2024-07-13 15:00 至 17:00");
        assertThat(shanxi.notes()).anySatisfy(n -> assertThat(n).startsWith("活动地点 长治市图书馆 一楼学术报告厅"));
    }

    @Test
    void anActivityOfEitherCloudCarriesItsTimeVenueAndAddressAsAStructuredEvent() throws RecordRejectedException {
        // given the same kind of activity in each cloud's shape: epoch milliseconds nationally, Beijing wall-clock
        // text in Shanxi
        CanonicalRecord national = Crosswalks.standard().map(national("resources-page-2.json", "NCPC-H-2024-050601"), CHANGZHI);
        CanonicalRecord shanxi = Crosswalks.standard().map(shanxi("resource-list-page-2.json", "1788203311002241034"), CHANGZHI);

        // then both are events with instants (Beijing is UTC+8), venue and address
        assertThat(national.event()).hasValue(new Event(Optional.of(Instant.parse("2024-07-06T01:30:00Z")),
                Optional.of(Instant.parse("2024-07-06T03:30:00Z")), Optional.of("长治市图书馆 三楼少儿阅览室"),
                Optional.of("山西省长治市潞州区英雄中路长治市图书馆")));
        assertThat(shanxi.event()).hasValue(new Event(Optional.of(Instant.parse("2024-07-13T07:00:00Z")),
                Optional.of(Instant.parse("2024-07-13T09:00:00Z")), Optional.of("长治市图书馆 一楼学术报告厅"),
                Optional.of("山西省长治市潞州区英雄中路长治市图书馆")));
    }

    @Test
    void runningTimesOfEitherCloudBecomeDurationsAndItemsWithoutTimeOrPlaceHaveNoEvent() throws RecordRejectedException {
        // national: seconds; Shanxi: HH:mm:ss
        CanonicalRecord video = Crosswalks.standard().map(national("resources-page-1.json", "NCPC-V-2024-014501"), CHANGZHI);
        CanonicalRecord lecture = Crosswalks.standard().map(national("resources-page-2.json", "NCPC-L-2024-030701"), CHANGZHI);
        CanonicalRecord audio = Crosswalks.standard().map(shanxi("resource-list-page-1.json", "1788203311002241027"), CHANGZHI);

        assertThat(video.duration()).hasValue(Duration.ofHours(2).plusMinutes(1));
        assertThat(lecture.duration()).hasValue(Duration.ofSeconds(3960));
        assertThat(audio.duration()).hasValue(Duration.ofMinutes(18).plusSeconds(35));
        assertThat(video.event()).isEmpty();
        assertThat(audio.event()).isEmpty();
    }

    @Test
    void eachCloudsKindCodesMapToTheResourceKinds() throws RecordRejectedException {
        Crosswalks crosswalks = Crosswalks.standard();

        assertThat(crosswalks.map(national("resources-page-1.json", "NCPC-A-2024-022101"), CHANGZHI).kind()).isEqualTo(ResourceKind.AUDIO);
        assertThat(crosswalks.map(national("resources-page-2.json", "NCPC-L-2024-030701"), CHANGZHI).kind()).isEqualTo(ResourceKind.LECTURE);
        CanonicalRecord ebook = crosswalks.map(national("resources-page-2.json", "NCPC-E-2024-041001"), CHANGZHI);
        assertThat(ebook.kind()).isEqualTo(ResourceKind.EBOOK);
        assertThat(ebook.isbns()).containsExactly("9787203112233");
        assertThat(ebook.media()).anySatisfy(m -> {
            assertThat(m.kind()).isEqualTo(MediaLink.Kind.PDF);
            assertThat(m.bytes()).hasValue(18874368L);
        });
        assertThat(crosswalks.map(shanxi("resource-list-page-1.json", "1788203311002241025"), CHANGZHI).kind()).isEqualTo(ResourceKind.VIDEO);
        CanonicalRecord audio = crosswalks.map(shanxi("resource-list-page-1.json", "1788203311002241027"), CHANGZHI);
        assertThat(audio.kind()).isEqualTo(ResourceKind.AUDIO);
        assertThat(audio.county()).hasValue("长子县");
        assertThat(audio.notes()).contains("时长 00:18:35");
        assertThat(audio.subjects()).containsExactly("长子鼓书", "曲艺", "红色文化");
        CanonicalRecord lecture = crosswalks.map(shanxi("resource-list-page-1.json", "1788203311002241030"), CHANGZHI);
        assertThat(lecture.kind()).isEqualTo(ResourceKind.LECTURE);
        assertThat(lecture.creators()).containsExactly(Creator.of("赵志刚", "主讲"));
        assertThat(crosswalks.map(shanxi("resource-list-page-1.json", "1788203311002241032"), CHANGZHI).kind()).isEqualTo(ResourceKind.EBOOK);
        CanonicalRecord epub = crosswalks.map(shanxi("resource-list-page-2.json", "1788203311002241033"), CHANGZHI);
        assertThat(epub.media()).anySatisfy(m -> {
            assertThat(m.kind()).isEqualTo(MediaLink.Kind.FILE);
            assertThat(m.mimeType()).hasValue("application/epub+zip");
            assertThat(m.url()).endsWith(".epub");
        });
    }

    @Test
    void withoutACountyOfItsOwnAnItemTakesTheSources() throws RecordRejectedException {
        CanonicalRecord lecture = Crosswalks.standard().map(shanxi("resource-list-page-1.json", "1788203311002241031"),
                org.shangdang.connectors.CrosswalkFixtures.ZHANGZI);

        assertThat(lecture.county()).hasValue("长子县");
    }

    @Test
    void anUnknownResourceTypeIsRejectedNamingTheValue() {
        RawRecord photo = national("resources-page-3.json", "NCPC-P-2024-060001");

        assertThatThrownBy(() -> Crosswalks.standard().map(photo, CHANGZHI))
                .isInstanceOf(RecordRejectedException.class)
                .hasMessageContaining("国家公共文化云 cloud:NCPC-P-2024-060001")
                .hasMessageContaining("unknown resourceType 'PHOTO'");
    }

    @Test
    void anItemWithoutATitleIsRejected() {
        RawRecord untitled = shanxi("resource-list-page-2.json", "1788203311002241036");

        assertThatThrownBy(() -> Crosswalks.standard().map(untitled, CHANGZHI))
                .isInstanceOf(RecordRejectedException.class)
                .hasMessage("山西公共文化云 cloud:1788203311002241036: no res_name (title)");
    }

    @Test
    void aPayloadThatIsNotJsonIsRejected() {
        RawRecord broken = new RawRecord("cloud", "x", UPDATED, RecordFormat.SHANXI_CLOUD_JSON,
                "{\"id\":".getBytes(StandardCharsets.UTF_8), RecordStatus.PRESENT);

        assertThatThrownBy(() -> Crosswalks.standard().map(broken, CHANGZHI))
                .isInstanceOf(RecordRejectedException.class)
                .hasMessageContaining("山西公共文化云 cloud:x: not valid JSON");
    }
}
