package org.shangdang.api.sru;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.shangdang.api.sru.CqlNode.Bool;
import org.shangdang.api.sru.CqlNode.Clause;
import org.shangdang.api.sru.CqlNode.Op;

class CqlParserTest {

    @Test
    void bareTermIsServerChoiceEquals() {
        assertThat(CqlParser.parse("上党梆子"))
                .isEqualTo(new Clause("cql.serverchoice", "=", List.of(), "上党梆子", false, false));
    }

    @Test
    void indexRelationAndQuotedPhraseWithEscapes() {
        Clause clause = (Clause) CqlParser.parse("DC.Title ADJ \"长治 \\\"红色\\\" 文化\"");

        assertThat(clause.index()).isEqualTo("dc.title");
        assertThat(clause.relation()).isEqualTo("adj");
        assertThat(clause.term()).isEqualTo("长治 \"红色\" 文化");
    }

    @Test
    void booleansAreLeftAssociativeOfEqualPrecedenceAndParenthesesGroup() {
        // a or b and c == (a or b) and c
        Bool top = (Bool) CqlParser.parse("a or b and c");
        assertThat(top.op()).isEqualTo(Op.AND);
        assertThat(((Bool) top.left()).op()).isEqualTo(Op.OR);

        Bool grouped = (Bool) CqlParser.parse("a or (b not c)");
        assertThat(grouped.op()).isEqualTo(Op.OR);
        assertThat(((Bool) grouped.right()).op()).isEqualTo(Op.NOT);
    }

    @Test
    void symbolsModifiersAndPrefixAssignmentsParse() {
        Bool query = (Bool) CqlParser.parse("> dc = \"info:srw/cql-context-set/1/dc-v1.1\" dc.date >= 1990 and/rel.combine=sum dc.title all/relevant/ignoreCase \"太行 精神\"");

        Clause date = (Clause) query.left();
        Clause title = (Clause) query.right();
        assertThat(date.relation()).isEqualTo(">=");
        assertThat(date.term()).isEqualTo("1990");
        assertThat(query.modifiers()).extracting(CqlNode.Modifier::name).containsExactly("rel.combine");
        assertThat(title.modifiers()).extracting(CqlNode.Modifier::name).containsExactly("relevant", "ignorecase");
        assertThat(((Clause) CqlParser.parse("dc.title==\"x\"")).relation()).isEqualTo("==");
        assertThat(((Clause) CqlParser.parse("dc.date<>2000")).relation()).isEqualTo("<>");
    }

    @Test
    void maskingAndAnchoringAreMarkedUnlessEscaped() {
        assertThat(((Clause) CqlParser.parse("长治*")).masked()).isTrue();
        assertThat(((Clause) CqlParser.parse("\"长?治\"")).masked()).isTrue();
        assertThat(((Clause) CqlParser.parse("长治\\*")).masked()).isFalse();
        assertThat(((Clause) CqlParser.parse("长治\\*")).term()).isEqualTo("长治*");
        assertThat(((Clause) CqlParser.parse("^长治")).anchored()).isTrue();
    }

    @Test
    void badSyntaxGivesTheStandardDiagnostics() {
        assertThat(code("")).isEqualTo(10);
        assertThat(code("dc.title =")).isEqualTo(10);
        assertThat(code("a b")).isEqualTo(10);
        assertThat(code("a and")).isEqualTo(10);
        assertThat(code("\"a\" = b")).isEqualTo(10);
        assertThat(code("(a or b")).isEqualTo(13);
        assertThat(code("a or b)")).isEqualTo(13);
        assertThat(code("\"unclosed")).isEqualTo(14);
        assertThat(code("a sortby dc.title")).isEqualTo(80);
        assertThat(code("x".repeat(CqlParser.MAX_LENGTH + 1))).isEqualTo(12);
        assertThat(code("(".repeat(60) + "a" + ")".repeat(60))).isEqualTo(13);
    }

    private static int code(String query) {
        SruDiagnostic d = catchThrowableOfType(SruDiagnostic.class, () -> CqlParser.parse(query));
        assertThat(d).as(query).isNotNull();
        return d.code();
    }
}
