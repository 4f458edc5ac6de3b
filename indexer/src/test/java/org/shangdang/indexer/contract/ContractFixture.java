package org.shangdang.indexer.contract;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Classification;
import org.shangdang.record.Creator;
import org.shangdang.record.Holding;
import org.shangdang.record.Event;
import org.shangdang.record.MediaLink;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.ResourceKind;

/**
 * The catalogue every engine is tested on: 66 records from nine collections of Changzhi (the city
 * library, a museum, the 上党梆子 troupe's archive and six county libraries) on 上党梆子, Changzhi's
 * history, 太行 red culture, myths, architecture and folk art. Some are catalogued in traditional
 * script, some carry ISBN-10s or ISBN-13s (with hyphens, spaces or none), one has a full-width title,
 * one is in English. Reading themes and opera genres are set as enrichment would set them; three of the
 * troupe's and county's recordings link media files, two with their size ({@link #MEDIA_BYTES} in all).
 * At most 20 distinct values per facet, so "top 20" shows every value.
 */
public final class ContractFixture {

    public static final int SIZE = 66;
    /** The summed size of the fixture's media files whose size is known. */
    public static final long MEDIA_BYTES = 1_843_200_000L + 30_240_000L;

    static final String CITY_LIBRARY = "长治市图书馆";
    static final String MUSEUM = "长治市博物馆";
    static final String OPERA_ARCHIVE = "长治市上党梆子剧院资料室";

    private static final Instant STAMP = Instant.parse("2026-11-01T08:00:00Z");

    private ContractFixture() {}

    /**
     * Works the clustering put several records into (every other record is a work of its own): 66 records
     * make {@value #WORKS} works.
     */
    public static final Map<String, List<String>> CLUSTERED_WORKS = Map.of(
            // Two editions of one gazetteer.
            "work:zhangzi-xianzhi", List.of("zhangzi:3", "zhangzi:7"),
            // The troupe's repertoire, catalogued by the city library, and twice by the troupe's archive.
            "work:shangdang-bangzi-jumu", List.of("changzhi-city:3", "shangdang-opera:1", "shangdang-opera:2"),
            "work:balujun-zongbu", List.of("changzhi-city:11", "wuxiang:4"),
            "work:shen-jilan", List.of("changzhi-city:24", "pingshun:3"),
            "work:jingwei-tianhai", List.of("changzhi-city:14", "zhangzi:4"));

    public static final int WORKS = 60;

    public static List<CanonicalRecord> records() {
        Map<String, String> workOf = new HashMap<>();
        CLUSTERED_WORKS.forEach((work, ids) -> ids.forEach(id -> workOf.put(id, work)));
        return unclustered().stream()
                .map(r -> workOf.containsKey(r.id()) ? r.withWorkId(workOf.get(r.id())) : r)
                .toList();
    }

    private static List<CanonicalRecord> unclustered() {
        return List.of(
                // The city library.
                city("1", ResourceKind.BOOK, 1985, "長治市圖書館志").creator(Creator.of("長治市圖書館", "編"))
                        .subject("圖書館史").description("記述長治市圖書館自民國以來的沿革。").isbn("7-5440-1234-X")
                        .holding(new Holding(CITY_LIBRARY, Optional.of("地方文献室"), Optional.of("G259.2/1"),
                                Optional.empty(), Optional.of("C0001"), Optional.empty(), Optional.empty()))
                        .classification(new Classification(Classification.CLC, "G259.2")).build(),
                city("2", ResourceKind.BOOK, 2010, "长治历史文化").creator(Creator.of("李明", "著")).subject("地方史")
                        .isbn("978-7-203-07654-3").publisher("山西人民出版社").place("太原")
                        .holding(copy(CITY_LIBRARY, "总馆二楼社科书库", "K292.53/1", "C0002"))
                        .holding(copy(CITY_LIBRARY, "悦读长治·长治宾馆书吧", "K292.53/1", "C0003")).build(),
                city("3", ResourceKind.BOOK, 1990, "上黨梆子劇目選").creator(Creator.of("郝聘之", "編"))
                        .subject("上黨梆子").subject("戏曲剧目").genre("上党梆子").build(),
                city("4", ResourceKind.BOOK, 2001, "中国古代建筑").publisher("北京大学出版社").subject("古建筑").build(),
                city("5", ResourceKind.BOOK, 2024, "长治年鉴 2024").creator(Creator.of("长治市地方志办公室", "编"))
                        .subject("年鉴").build(),
                city("6", ResourceKind.BOOK, 2021, "太行精神").language("eng").subject("红色文化").subject("太行山")
                        .description("记述抗日战争时期太行山根据地军民的奋斗精神。").theme("红色文化").build(),
                city("7", ResourceKind.BOOK, 2019, "女娲补天").creator(Creator.of("王红", "绘")).subject("神话传说")
                        .description("上古神话：女娲炼五色石以补苍天。").theme("神话").build(),
                city("8", ResourceKind.IMAGE, 2015, "长治 <b>老照片</b> & 记忆").subject("老照片").build(),
                city("9", ResourceKind.RARE_BOOK, 1962, "潞安府志").creator(Creator.of("张淑渠", "修"))
                        .subject("方志").subject("潞安府")
                        .description("清乾隆年间修纂，记潞安府及所属各县沿革、山川、人物。").build(),
                city("10", ResourceKind.BOOK, 2012, "上党古戏台").subject("古戏台").subject("古建筑")
                        .description("长治地区宋金元明清戏台建筑调查。").isbn("978-7-5457-0345-1").theme("古建")
                        .holding(copy(CITY_LIBRARY, "总馆二楼社科书库", "K928.71/3", "C0010")).build(),
                city("11", ResourceKind.BOOK, 2005, "八路军总部在武乡").subject("八路军").subject("抗日战争")
                        .subject("红色文化").theme("红色文化").build(),
                city("12", ResourceKind.BOOK, 1995, "太行山区民间故事").subject("民间故事").subject("太行山").build(),
                city("13", ResourceKind.BOOK, 2008, "炎帝神农氏传说").subject("炎帝").subject("神话传说")
                        .description("相传炎帝神农氏尝百草于上党羊头山。").theme("神话").build(),
                city("14", ResourceKind.BOOK, 2018, "精卫填海").creator(Creator.of("赵丽", "文"))
                        .creator(Creator.of("刘伟", "图")).subject("神话传说").theme("神话").build(),
                city("15", ResourceKind.VIDEO, 2018, "后羿射日").subject("神话传说").subject("动画").theme("神话").build(),
                CanonicalRecord.builder("changzhi-city", "16").format(RecordFormat.MARCXML).kind(ResourceKind.BOOK)
                        .title("Taihang Mountains: Red Culture Heritage").creator(Creator.of("Li Ming", "author"))
                        .subject("Red culture").subject("太行山").publisher("Foreign Languages Press")
                        .isbn("978-7-119-12345-6").year(2020).language("eng").library(CITY_LIBRARY)
                        .datestamp(STAMP).build(),
                city("17", ResourceKind.BOOK, 2001, "长治方言词典").subject("方言").isbn("7-203-04567-8").build(),
                city("18", ResourceKind.BOOK, 1978, "晋东南地区文物普查").subject("文物").subject("晋东南").build(),
                city("19", ResourceKind.RARE_BOOK, 1934, "長治縣誌").subject("方志").build(),
                city("20", ResourceKind.SCORE, 1995, "上党梆子音乐").subject("上党梆子").subject("戏曲音乐")
                        .genre("上党梆子").build(),
                city("21", ResourceKind.BOOK, 2015, "上党地区梆子腔研究").subject("地方戏").build(),
                city("22", ResourceKind.MAP, 2020, "长治市地图").subject("地图").build(),
                city("23", ResourceKind.BOOK, 2012, "城隍庙与上党民俗").subject("民俗").subject("城隍庙")
                        .theme("古建").theme("民间艺术").build(),
                city("24", ResourceKind.BOOK, 2019, "申纪兰口述史").creator(Creator.of("申纪兰", "口述"))
                        .subject("劳动模范").subject("西沟村").build(),
                city("25", ResourceKind.BOOK, 2023, "长治旅游ＡＢＣ").subject("旅游").build(),

                // The troupe's archive.
                archive("shangdang-opera", "1", ResourceKind.VIDEO, 1990, "《三关排宴》演出录像").subject("上党梆子")
                        .subject("剧目").genre("上党梆子")
                        .media(new MediaLink(MediaLink.Kind.VIDEO, "https://media.example.cn/opera/sanguan.mp4",
                                Optional.of("全剧"), Optional.of("video/mp4"), Optional.of(1_843_200_000L)))
                        .duration(Duration.ofSeconds(4210))
                        .event(new Event(Optional.of(Instant.parse("1990-10-01T11:30:00Z")),
                                Optional.of(Instant.parse("1990-10-01T12:40:00Z")), Optional.of("长治市人民剧场"),
                                Optional.of("长治市潞州区英雄中路"))).build(),
                archive("shangdang-opera", "2", ResourceKind.BOOK, 1978, "上党梆子传统剧目汇编 第一集")
                        .subject("上党梆子").subject("剧目").genre("上党梆子").build(),
                archive("shangdang-opera", "3", ResourceKind.AUDIO, 2005, "吴婉芝唱腔选").creator(Creator.of("吴婉芝", "演唱"))
                        .subject("上党梆子").subject("唱腔").genre("上党梆子")
                        .media(new MediaLink(MediaLink.Kind.AUDIO, "https://media.example.cn/opera/wu.mp3",
                                Optional.empty(), Optional.of("audio/mpeg"), Optional.of(30_240_000L))).build(),
                archive("shangdang-opera", "4", ResourceKind.VIDEO, 2019, "上党落子").subject("上党落子").subject("地方戏")
                        .genre("上党落子").build(),
                archive("shangdang-opera", "5", ResourceKind.BOOK, 2010, "梆子腔源流考").subject("梆子腔").subject("戏曲史").build(),

                // The museum.
                museum("1", ResourceKind.IMAGE, 2015, "长治出土文物精品").subject("文物").build(),
                museum("2", ResourceKind.BOOK, 2020, "上党古代铜器").subject("青铜器").subject("文物").build(),
                museum("3", ResourceKind.IMAGE, 2012, "观音堂明代彩塑").subject("彩塑").subject("古建筑")
                        .theme("古建").theme("民间艺术").build(),
                museum("4", ResourceKind.MAP, 1934, "长治古城地图（清代）").subject("古地图").build(),
                museum("5", ResourceKind.IMAGE, 2023, "長治上黨門與城牆").subject("古建築").subject("城牆")
                        .theme("古建").build(),

                // County libraries.
                county("zhangzi", "1", "长子县", ResourceKind.AUDIO, 2015, "长子鼓书选").subject("鼓书").subject("曲艺")
                        .genre("长子鼓书").media(new MediaLink(MediaLink.Kind.AUDIO, "https://media.example.cn/quyi/zhangzi.flac",
                                Optional.empty(), Optional.of("audio/flac"), Optional.empty())).build(),
                county("zhangzi", "2", "长子县", ResourceKind.SCORE, 1985, "上党梆子唱腔集").subject("上党梆子")
                        .subject("戏曲").genre("上党梆子").build(),
                county("zhangzi", "3", "长子县", ResourceKind.BOOK, 1990, "长子县志").subject("方志")
                        .holding(copy("长子县图书馆", "总馆", "K292.53/7", "ZZ0003")).build(),
                county("zhangzi", "4", "长子县", ResourceKind.BOOK, 2010, "精卫鸟的故乡——发鸠山").subject("精卫填海")
                        .subject("神话传说").subject("发鸠山").theme("神话").build(),
                county("zhangzi", "5", "长子县", ResourceKind.AUDIO, 2018, "长子响器").subject("民间音乐").build(),
                county("zhangzi", "6", "长子县", ResourceKind.BOOK, 2008, "尧王庙古建筑测绘").subject("古建筑").build(),
                county("zhangzi", "7", "长子县", ResourceKind.RARE_BOOK, 1962, "長子縣誌（光緒版）").subject("方志").build(),
                county("wuxiang", "1", "武乡县", ResourceKind.VIDEO, 2018, "武乡秧歌").subject("秧歌").subject("民间艺术").build(),
                county("wuxiang", "2", "武乡县", ResourceKind.IMAGE, 2010, "八路军太行纪念馆藏品选").subject("八路军")
                        .subject("红色文化").subject("太行山").build(),
                county("wuxiang", "3", "武乡县", ResourceKind.BOOK, 1985, "武乡县志").subject("方志").build(),
                county("wuxiang", "4", "武乡县", ResourceKind.BOOK, 1995, "八路軍總部舊址").subject("八路軍")
                        .subject("革命舊址").holding(copy("武乡县图书馆", "悦读长治·八路军太行纪念馆书吧", "K265.4/12", "1404290001802"))
                        .build(),
                county("wuxiang", "5", "武乡县", ResourceKind.SCORE, 2021, "太行山上").creator(Creator.of("冼星海", "曲"))
                        .subject("抗日歌曲").build(),
                county("wuxiang", "6", "武乡县", ResourceKind.BOOK, 2015, "武乡抗战史").subject("抗日战争")
                        .isbn("978 7 5377 4521 2").build(),
                county("lucheng", "1", "潞城区", ResourceKind.BOOK, 1985, "潞城縣志").build(),
                county("lucheng", "2", "潞城区", ResourceKind.BOOK, 2005, "原起寺与潞城古建筑").subject("古建筑")
                        .subject("寺庙").build(),
                county("lucheng", "3", "潞城区", ResourceKind.AUDIO, 1978, "潞城民歌").subject("民歌").build(),
                county("lucheng", "4", "潞城区", ResourceKind.BOOK, 1959, "李家庄的变迁").creator(Creator.of("赵树理", "著"))
                        .subject("小说").build(),
                county("pingshun", "1", "平顺县", ResourceKind.BOOK, 2012, "平顺天台庵").subject("古建筑").subject("唐代建筑")
                        .description("天台庵正殿为唐代木构建筑，是中国现存最早的木结构建筑之一。").build(),
                county("pingshun", "2", "平顺县", ResourceKind.IMAGE, 2018, "大云院壁画").subject("壁画").subject("五代").build(),
                county("pingshun", "3", "平顺县", ResourceKind.BOOK, 2020, "申纪兰与西沟村").subject("劳动模范")
                        .subject("红色文化").theme("红色文化").build(),
                county("pingshun", "4", "平顺县", ResourceKind.BOOK, 1995, "平顺县志").build(),
                county("pingshun", "5", "平顺县", ResourceKind.VIDEO, 2023, "太行山大峡谷").language("eng").subject("太行山")
                        .subject("旅游").build(),
                county("qinxian", "1", "沁县", ResourceKind.RARE_BOOK, 1962, "沁州志").subject("方志").build(),
                county("qinxian", "2", "沁县", ResourceKind.BOOK, 2019, "沁县黄小米").subject("农业").build(),
                county("qinxian", "3", "沁县", ResourceKind.IMAGE, 2008, "南涅水石刻").subject("石刻").subject("北魏").build(),
                county("qinxian", "4", "沁县", ResourceKind.BOOK, 1990, "沁县抗日根据地史料").subject("抗日战争")
                        .subject("根据地").theme("红色文化").build(),
                county("xiangyuan", "1", "襄垣县", ResourceKind.AUDIO, 2001, "襄垣秧歌").subject("秧歌").build(),
                county("xiangyuan", "2", "襄垣县", ResourceKind.BOOK, 1985, "襄垣县志").subject("方志").build(),
                county("xiangyuan", "3", "襄垣县", ResourceKind.BOOK, 2010, "仙堂山传说").subject("民间故事")
                        .subject("神话传说").build(),
                county("xiangyuan", "4", "襄垣县", ResourceKind.BOOK, 2005, "太行八路军战士回忆录").subject("八路军")
                        .subject("回忆录").theme("红色文化").build(),
                // No year: counted nowhere in the year facet.
                county("xiangyuan", "5", "襄垣县", ResourceKind.MANUSCRIPT, null, "襄垣民间剪纸手稿").subject("剪纸")
                        .theme("民间艺术").build());
    }

    /** One copy on a shelf, with the call number and barcode lookups find it by. */
    private static Holding copy(String library, String branch, String callNumber, String barcode) {
        return new Holding(library, Optional.of(branch), Optional.of(callNumber), Optional.empty(), Optional.of(barcode),
                Optional.empty(), Optional.empty());
    }

    private static CanonicalRecord.Builder city(String id, ResourceKind kind, Integer year, String title) {
        return CanonicalRecord.builder("changzhi-city", id).format(RecordFormat.MARCXML).kind(kind).title(title)
                .year(year).language("chi").library(CITY_LIBRARY).datestamp(STAMP);
    }

    private static CanonicalRecord.Builder archive(String source, String id, ResourceKind kind, Integer year, String title) {
        return CanonicalRecord.builder(source, id).format(RecordFormat.OAI_DC).kind(kind).title(title).year(year)
                .language("chi").library(OPERA_ARCHIVE).datestamp(STAMP);
    }

    private static CanonicalRecord.Builder museum(String id, ResourceKind kind, Integer year, String title) {
        return CanonicalRecord.builder("changzhi-museum", id).format(RecordFormat.OAI_DC).kind(kind).title(title)
                .year(year).language("chi").library(MUSEUM).datestamp(STAMP);
    }

    private static CanonicalRecord.Builder county(String source, String id, String county, ResourceKind kind,
            Integer year, String title) {
        return CanonicalRecord.builder(source, id).format(RecordFormat.OAI_DC).kind(kind).title(title).year(year)
                .language("chi").library(county + "图书馆").county(county).datestamp(STAMP);
    }
}
