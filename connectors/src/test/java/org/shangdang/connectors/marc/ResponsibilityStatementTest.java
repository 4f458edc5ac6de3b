package org.shangdang.connectors.marc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.shangdang.record.Creator;

class ResponsibilityStatementTest {

    @Test
    void readsACorporateBodyWithItsRoleSuffix() {
        assertThat(ResponsibilityStatement.creators("国家统计局编")).containsExactly(Creator.of("国家统计局", "编"));
    }

    @Test
    void givesALeadingRoleToEveryNameAndDropsEtAl() {
        assertThat(ResponsibilityStatement.creators("主编季野, 张西明, 张弢...[等]")).containsExactly(
                Creator.of("季野", "主编"), Creator.of("张西明", "主编"), Creator.of("张弢", "主编"));
    }

    @Test
    void givesAClosingRoleToTheNamesBeforeItAndKeepsGroupsApart() {
        assertThat(ResponsibilityStatement.creators("张三、李四译；王五校")).containsExactly(
                Creator.of("张三", "译"), Creator.of("李四", "译"), Creator.of("王五", "校"));
    }

    @Test
    void dropsTheDynastyBeforeAName() {
        assertThat(ResponsibilityStatement.creators("(清)蒲松龄著")).containsExactly(Creator.of("蒲松龄", "著"));
    }

    @Test
    void readsARoleWordSeparatedBySpace() {
        assertThat(ResponsibilityStatement.creators("叶震 主编")).containsExactly(Creator.of("叶震", "主编"));
    }

    @Test
    void leavesANameWithoutRoleWhenNoneIsStated() {
        assertThat(ResponsibilityStatement.creators("赵树理")).containsExactly(Creator.of("赵树理"));
    }
}
