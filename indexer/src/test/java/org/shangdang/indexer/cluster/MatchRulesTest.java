package org.shangdang.indexer.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shangdang.indexer.cluster.TestRecords.book;

import org.junit.jupiter.api.Test;
import org.shangdang.indexer.cluster.MatchRules.Decision;
import org.shangdang.indexer.cluster.MatchRules.KeptApart;
import org.shangdang.indexer.cluster.MatchRules.Linked;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Creator;
import org.shangdang.record.ResourceKind;

/** One test per rule and per veto: what links two records, and what keeps them apart. */
class MatchRulesTest {

    private static Decision decide(CanonicalRecord.Builder a, CanonicalRecord.Builder b) {
        return MatchRules.decide(MatchKeys.of(a.build()), MatchKeys.of(b.build()));
    }

    private static CanonicalRecord.Builder shangdangBangzi(String id, int year) {
        return book(id).title("上党梆子").creator(Creator.of("栗建国", "编著")).publisher("山西人民出版社").year(year);
    }

    @Test
    void linksAnIsbn10AndAnIsbn13OfOneBook() {
        Decision d = decide(book("a:1").title("上党梆子").isbn("7-203-06318-6"),
                book("b:1").title("上黨梆子").isbn("9787203063186"));

        assertThat(d).isEqualTo(new Linked(MatchRule.SAME_ISBN, "same ISBN 9787203063186"));
    }

    @Test
    void linksRareBooksByTheirFingerprintWithoutAnIsbn() {
        Decision d = decide(book("a:1").title("潞安府志").fingerprint("e.n. i-i- t.u- e.e. 3 1770R").kind(ResourceKind.RARE_BOOK),
                book("b:1").title("潞安府志").fingerprint("e.n.i-i-t.u-e.e.3 1770R").kind(ResourceKind.BOOK));

        assertThat(d).isInstanceOfSatisfying(Linked.class, l -> assertThat(l.rule()).isEqualTo(MatchRule.SAME_FINGERPRINT));
    }

    @Test
    void linksByTitleCreatorAndPublisherWithoutAnIsbn() {
        Decision d = decide(shangdangBangzi("a:1", 2009).isbn("9787203063186"),
                book("b:1").title("《上党 梆子》").creator(Creator.of("栗建国编著")).publisher("山西人民出版社").year(2009));

        assertThat(d).isEqualTo(new Linked(MatchRule.TITLE_CREATOR_PUBLISHER,
                "title+creator+publisher match: 上党梆子 / 栗建国 / 山西人民出版社"));
    }

    @Test
    void linksByTitleAndCreatorWhenOneGivesNoPublisher() {
        Decision d = decide(shangdangBangzi("a:1", 2009), book("b:1").title("上党梆子").creator(Creator.of("栗建国")).year(2010));

        assertThat(d).isInstanceOfSatisfying(Linked.class, l -> assertThat(l.rule()).isEqualTo(MatchRule.TITLE_CREATOR));
    }

    @Test
    void linksByTitlePublisherAndYearWhenOneGivesNoCreator() {
        Decision d = decide(shangdangBangzi("a:1", 2009), book("b:1").title("上党梆子").publisher("山西人民出版社").year(2009));

        assertThat(d).isInstanceOfSatisfying(Linked.class,
                l -> assertThat(l.rule()).isEqualTo(MatchRule.TITLE_PUBLISHER_YEAR));
    }

    @Test
    void aTitleAloneIsNotEnough() {
        Decision d = decide(shangdangBangzi("a:1", 2009), book("b:1").title("上党梆子").year(2009));

        assertThat(d).isSameAs(MatchRules.NOT_ENOUGH);
    }

    @Test
    void vetoesDifferentVolumesOfASetThatShareOneIsbn() {
        Decision d = decide(book("a:1").title("上党古戏台").volume("上册").isbn("978-7-5457-1890-4"),
                book("b:1").title("上党古戏台（下）").isbn("978-7-5457-1890-4"));

        assertThat(d).isEqualTo(new KeptApart(Veto.DIFFERENT_VOLUME, "different volume: 上 vs 下"));
    }

    @Test
    void vetoesAVolumeAgainstTheWholeSet() {
        Decision d = decide(book("a:1").title("上党古戏台").volume("上册").isbn("978-7-5457-1890-4"),
                book("b:1").title("上党古戏台").isbn("978-7-5457-1890-4"));

        assertThat(d).isInstanceOfSatisfying(KeptApart.class, k -> assertThat(k.veto()).isEqualTo(Veto.DIFFERENT_VOLUME));
    }

    @Test
    void vetoesDifferentEditionsOfOneTitle() {
        Decision d = decide(shangdangBangzi("a:1", 2019).edition("第2版"), shangdangBangzi("b:1", 2019).edition("第1版"));

        assertThat(d).isEqualTo(new KeptApart(Veto.DIFFERENT_EDITION, "different edition: 2 vs 1"));
    }

    @Test
    void aReprintYearsLaterIsTheSameWork() {
        Decision byTitle = decide(shangdangBangzi("a:1", 2009), shangdangBangzi("b:1", 2016).edition("2016年重印"));
        Decision byIsbn = decide(shangdangBangzi("a:1", 2009).isbn("9787203063186"),
                shangdangBangzi("b:1", 2016).isbn("9787203063186"));

        assertThat(byTitle).isInstanceOf(Linked.class);
        assertThat(byIsbn).isInstanceOf(Linked.class);
    }

    @Test
    void vetoesYearsTooFarApartForTheSamePrinting() {
        Decision d = decide(book("a:1").title("平顺县志").creator(Creator.of("平顺县志编纂委员会")).year(1997),
                book("b:1").title("平顺县志").creator(Creator.of("平顺县志编纂委员会 编")).year(2003));

        assertThat(d).isInstanceOfSatisfying(KeptApart.class, k -> assertThat(k.veto()).isEqualTo(Veto.YEARS_APART));
    }

    @Test
    void vetoesYearsTooFarApartEvenUnderOneIsbn() {
        Decision d = decide(shangdangBangzi("a:1", 1985).isbn("9787203063186"),
                shangdangBangzi("b:1", 2009).isbn("9787203063186").edition("重印"));

        assertThat(d).isInstanceOfSatisfying(KeptApart.class, k -> assertThat(k.veto()).isEqualTo(Veto.YEARS_APART));
    }

    @Test
    void vetoesRareBooksWithDifferentFingerprints() {
        Decision d = decide(book("a:1").title("乐律全书").creator(Creator.of("(明)朱载堉")).publisher("郑藩").year(1606)
                        .fingerprint("e.a. a.s. n.d. s.e. 3 1606R"),
                book("b:1").title("樂律全書").creator(Creator.of("朱载堉 撰")).publisher("郑藩").year(1606)
                        .fingerprint("e.a. a.s. e,e, r.o. 3 1606Q"));

        assertThat(d).isInstanceOfSatisfying(KeptApart.class,
                k -> assertThat(k.veto()).isEqualTo(Veto.DIFFERENT_FINGERPRINT));
    }

    @Test
    void vetoesABookAndARecordingOfTheSameTitle() {
        Decision d = decide(shangdangBangzi("a:1", 2009), shangdangBangzi("b:1", 2009).kind(ResourceKind.AUDIO));

        assertThat(d).isInstanceOfSatisfying(KeptApart.class, k -> assertThat(k.veto()).isEqualTo(Veto.DIFFERENT_KIND));
    }

    @Test
    void vetoesOneIsbnPrintedOnTwoUnrelatedBooks() {
        Decision d = decide(book("a:1").title("上党梆子史话").isbn("978-7-5457-0543-0"),
                book("b:1").title("长治小吃").isbn("978-7-5457-0543-0"));

        assertThat(d).isInstanceOfSatisfying(KeptApart.class,
                k -> assertThat(k.veto()).isEqualTo(Veto.ISBN_ON_DIFFERENT_TITLES));
    }

    @Test
    void vetoesTheSameTitleByDifferentCreators() {
        Decision d = decide(book("a:1").title("赵树理传").creator(Creator.of("戴光中", "著")).publisher("北岳文艺出版社").year(1987),
                book("b:1").title("赵树理传").creator(Creator.of("董大中", "著")).publisher("北岳文艺出版社").year(1988));

        assertThat(d).isInstanceOfSatisfying(KeptApart.class, k -> assertThat(k.veto()).isEqualTo(Veto.DIFFERENT_CREATOR));
    }

    @Test
    void vetoesTheSameTitleFromDifferentPublishers() {
        Decision d = decide(book("a:1").title("长治史话").creator(Creator.of("郝建平")).publisher("三晋出版社").year(2011),
                book("b:1").title("长治史话").creator(Creator.of("郝建平")).publisher("山西人民出版社").year(2011));

        assertThat(d).isInstanceOfSatisfying(KeptApart.class,
                k -> assertThat(k.veto()).isEqualTo(Veto.DIFFERENT_PUBLISHER));
    }

    @Test
    void vetoesTheSameTitleWithDisjointIsbns() {
        Decision d = decide(shangdangBangzi("a:1", 2009).isbn("9787203063186"), shangdangBangzi("b:1", 2009).isbn("978-7-104-00874-3"));

        assertThat(d).isInstanceOfSatisfying(KeptApart.class, k -> assertThat(k.veto()).isEqualTo(Veto.DIFFERENT_ISBN));
    }
}
