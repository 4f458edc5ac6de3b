package org.shangdang.indexer.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.shangdang.indexer.Facet;
import org.shangdang.indexer.SearchQuery;

/**
 * The fixed queries every engine must answer alike over {@link ContractFixture}: Chinese words,
 * traditional and full-width forms, phrases, several words, ISBNs, facet filters, blank queries and
 * paging, and pinyin (syllables, run together, initials, quoted, mixed with Chinese words).
 *
 * <p>Queries with text ask for one page of {@link SearchQuery#MAX_SIZE} hits, which holds every match,
 * because the engines score differently and so may order (and page) equally relevant hits differently;
 * paging is exercised with queries whose hits all score alike and are therefore ordered by id.
 */
public final class ContractQueries {

    private ContractQueries() {}

    /** A query and what it is about, for the test report. */
    public record Case(String name, SearchQuery query) {
        @Override
        public String toString() {
            return name;
        }
    }

    public static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        // Chinese words, simplified and traditional.
        for (String q : List.of("长治", "長治", "上党梆子", "上黨梆子", "梆子", "上党", "太行", "太行山", "太行精神",
                "红色文化", "紅色文化", "八路军", "八路軍", "女娲", "女媧", "神话传说", "神話傳說", "古建筑", "古建築",
                "壁画", "县志", "縣誌", "方志", "秧歌", "鼓书", "民歌", "抗日战争", "根据地", "申纪兰", "精卫填海",
                "炎帝", "天台庵", "剧目", "唐代", "志", "羊头山")) {
            cases.add(text("word " + q, q));
        }
        // Phrases: characters in sequence only.
        for (String q : List.of("\"上党梆子\"", "“上黨梆子”", "\"唐代木构建筑\"", "\"太行 精神\"", "\"梆子腔\"",
                "\"red culture\"", "\"长治市\"", "\"长治文化\"")) {
            cases.add(text("phrase " + q, q));
        }
        // Several words: all must match.
        for (String q : List.of("长治 历史", "上党 戏曲", "八路军 武乡", "太行 八路军 回忆录", "长治 不存在的词",
                "神话 女娲", "red culture", "长治 长治", "长治文化", "太行八路军")) {
            cases.add(text("words " + q, q));
        }
        // Latin and full-width forms.
        for (String q : List.of("taihang", "Ｔａｉｈａｎｇ", "TAIHANG", "２０２４", "长治年鉴２０２４", "长治年鉴 ２０２４",
                "abc", "长治旅游abc", "<b>老照片</b>", "老照片 &")) {
            cases.add(text("latin/width " + q, q));
        }
        // Pinyin of titles, creators and subjects: syllables, run together, initials, phrases, mixed.
        for (String q : List.of("shangdangbangzi", "ShangDangBangZi", "shang dang bang zi", "\"shang dang\"",
                "\"shangdang bangzi\"", "\"dang shang\"", "czs", "sdbz", "changzhi", "zhangzi", "bangzi 剧目",
                "nuwa", "shenjilan", "zhi", "cz")) {
            cases.add(text("pinyin " + q, q));
        }
        // ISBNs: hyphens, spaces, full width, ISBN-10 and its ISBN-13.
        for (String q : List.of("978-7-203-07654-3", "9787203076543", "９７８７２０３０７６５４３", "7-5440-1234-X",
                "754401234x", "978-7-5440-1234-8", "7203045678", "9787537745212", "978 7 5377 4521 2",
                "978-7-5440-9999-9")) {
            cases.add(text("isbn " + q, q));
        }
        // Nothing searchable, and nothing but quotes.
        cases.add(text("punctuation only", "，。！"));
        cases.add(text("empty quotes", "\"\""));
        // Blank query and facet filters (drill sideways).
        cases.add(text("blank", ""));
        cases.add(filtered("blank, county 长子县", "", Map.of(Facet.COUNTY, List.of("长子县"))));
        cases.add(filtered("blank, kind score", "", Map.of(Facet.KIND, List.of("score"))));
        cases.add(filtered("上党梆子, kind score", "上党梆子", Map.of(Facet.KIND, List.of("score"))));
        cases.add(filtered("长治, library city", "长治", Map.of(Facet.LIBRARY, List.of(ContractFixture.CITY_LIBRARY))));
        cases.add(filtered("blank, county 长子县 or 武乡县", "", Map.of(Facet.COUNTY, List.of("长子县", "武乡县"))));
        cases.add(filtered("blank, county 武乡县 and kind video", "",
                Map.of(Facet.COUNTY, List.of("武乡县"), Facet.KIND, List.of("video"))));
        cases.add(filtered("太行, language eng", "太行", Map.of(Facet.LANGUAGE, List.of("eng"))));
        cases.add(filtered("blank, year 1985", "", Map.of(Facet.YEAR, List.of("1985"))));
        cases.add(filtered("古建筑, county 平顺县, year 2012", "古建筑",
                Map.of(Facet.COUNTY, List.of("平顺县"), Facet.YEAR, List.of("2012"))));
        cases.add(filtered("blank, unknown county", "", Map.of(Facet.COUNTY, List.of("不存在县"))));
        cases.add(filtered("blank, padded and blank values", "", Map.of(Facet.COUNTY, List.of(" 长子县 ", " "))));
        cases.add(filtered("blank, source museum", "", Map.of(Facet.SOURCE, List.of("changzhi-museum"))));
        cases.add(filtered("神话传说, kind book and video", "神话传说", Map.of(Facet.KIND, List.of("book", "video"))));
        // Reading themes (a record may have several) and opera/quyi genres.
        cases.add(filtered("blank, theme 神话", "", Map.of(Facet.THEME, List.of("神话"))));
        cases.add(filtered("blank, theme 古建 or 民间艺术", "", Map.of(Facet.THEME, List.of("古建", "民间艺术"))));
        cases.add(filtered("太行, theme 红色文化", "太行", Map.of(Facet.THEME, List.of("红色文化"))));
        cases.add(filtered("上党梆子, genre 上党梆子", "上党梆子", Map.of(Facet.GENRE, List.of("上党梆子"))));
        cases.add(filtered("blank, genre 上党梆子 and kind audio", "",
                Map.of(Facet.GENRE, List.of("上党梆子"), Facet.KIND, List.of("audio"))));
        cases.add(filtered("blank, theme 神话 and county 长子县", "",
                Map.of(Facet.THEME, List.of("神话"), Facet.COUNTY, List.of("长子县"))));
        // Paging through equally scored hits.
        cases.add(new Case("blank, page 2 of 10", new SearchQuery("", Map.of(), 2, 10)));
        cases.add(new Case("blank, page 7 of 10 (last, partial)", new SearchQuery("", Map.of(), 7, 10)));
        cases.add(new Case("blank, page 8 of 10 (beyond the end)", new SearchQuery("", Map.of(), 8, 10)));
        cases.add(new Case("blank, page 3 of 25", new SearchQuery("", Map.of(), 3, 25)));
        cases.add(new Case("county 长子县, page 2 of 3",
                new SearchQuery("", Map.of(Facet.COUNTY, List.of("长子县")), 2, 3)));
        // Collapsed into works (collapse=work): the same texts and filters, one hit per work.
        for (String q : List.of("", "上党梆子", "長治", "方志", "八路军", "精卫", "申纪兰", "县志", "shangdangbangzi")) {
            cases.add(new Case("collapsed " + (q.isEmpty() ? "blank" : q),
                    new SearchQuery(q, Map.of(), 1, SearchQuery.MAX_SIZE, SearchQuery.Collapse.WORK)));
        }
        cases.add(new Case("collapsed 上党梆子, source shangdang-opera", new SearchQuery("上党梆子",
                Map.of(Facet.SOURCE, List.of("shangdang-opera")), 1, SearchQuery.MAX_SIZE, SearchQuery.Collapse.WORK)));
        cases.add(new Case("collapsed blank, county 长子县", new SearchQuery("",
                Map.of(Facet.COUNTY, List.of("长子县")), 1, SearchQuery.MAX_SIZE, SearchQuery.Collapse.WORK)));
        cases.add(new Case("collapsed blank, page 2 of 25",
                new SearchQuery("", Map.of(), 2, 25, SearchQuery.Collapse.WORK)));
        cases.add(new Case("collapsed blank, page 3 of 25 (last, partial)",
                new SearchQuery("", Map.of(), 3, 25, SearchQuery.Collapse.WORK)));
        cases.add(new Case("collapsed blank, page 4 of 25 (beyond the end)",
                new SearchQuery("", Map.of(), 4, 25, SearchQuery.Collapse.WORK)));
        return cases;
    }

    private static Case text(String name, String q) {
        return new Case(name, new SearchQuery(q, Map.of(), 1, SearchQuery.MAX_SIZE));
    }

    private static Case filtered(String name, String q, Map<Facet, List<String>> filters) {
        return new Case(name, new SearchQuery(q, filters, 1, SearchQuery.MAX_SIZE));
    }
}
