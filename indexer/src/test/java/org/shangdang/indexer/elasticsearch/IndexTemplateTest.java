package org.shangdang.indexer.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.shangdang.indexer.elasticsearch.IndexTemplate.AnalysisPlugin;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which template variant a cluster gets from the analysis plugins its nodes have, what each variant
 * changes, and how queries use it. (The test cluster has core analyzers only, and Maven Central does not
 * serve the {@code analysis-smartcn}/{@code analysis-icu} plugin zips, so the variants with plugins are
 * checked here rather than on a real cluster.)
 */
class IndexTemplateTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode parse(IndexTemplate template) {
        return JSON.readTree(template.json());
    }

    @Test
    void aClusterWithoutAnalysisPluginsGetsTheCoreTemplate() {
        IndexTemplate template = IndexTemplate.forNodes(List.of(Set.of("repository-s3"), Set.of()));

        JsonNode json = parse(template);

        assertThat(template.plugins()).isEmpty();
        assertThat(template.describe()).isEqualTo("core analyzers only");
        assertThat(json.at("/mappings/properties/title/analyzer").asString()).isEqualTo("standard");
        assertThat(json.at("/mappings/properties/work_id/type").asString()).isEqualTo("keyword");
        assertThat(json.at("/mappings/_meta/analysis").toString()).isEqualTo("[\"core\"]");
        assertThat(json.at("/mappings/properties/title/fields").isMissingNode()).isTrue();
        assertThat(json.at("/settings/analysis").isMissingNode()).isTrue();
        assertThat(template.json()).doesNotContain("icu_folding").doesNotContain("\"analyzer\":\"smartcn\"");
    }

    @Test
    void onlyPluginsEveryNodeHasAreUsed() {
        IndexTemplate template = IndexTemplate.forNodes(List.of(
                Set.of("analysis-icu", "analysis-smartcn"), Set.of("analysis-icu")));

        assertThat(template.plugins()).containsExactly(AnalysisPlugin.ICU);
        assertThat(template.ranksWithSmartcn()).isFalse();
    }

    @Test
    void icuFoldsTheTextFieldsAndSmartcnAddsRankingSubFields() {
        IndexTemplate template = IndexTemplate.forPlugins(Set.of("analysis-icu", "analysis-smartcn", "mapper-size"));

        JsonNode json = parse(template);

        assertThat(template.describe()).isEqualTo("analysis-icu and analysis-smartcn");
        assertThat(json.at("/settings/analysis/analyzer/folded_unigrams/tokenizer").asString()).isEqualTo("standard");
        assertThat(json.at("/settings/analysis/analyzer/folded_unigrams/filter").toString()).contains("icu_folding");
        // The core settings are kept beside the added analysis.
        assertThat(json.at("/settings/index/max_result_window").asInt()).isEqualTo(10_000);
        for (String field : List.of("title", "creators", "subjects", "all")) {
            assertThat(json.at("/mappings/properties/" + field + "/analyzer").asString()).as(field).isEqualTo("folded_unigrams");
            assertThat(json.at("/mappings/properties/" + field + "/fields/smartcn/analyzer").asString()).as(field)
                    .isEqualTo("smartcn");
        }
        // Fields that decide matches the Java way are untouched.
        assertThat(json.at("/mappings/properties/title_words/analyzer").asString()).isEqualTo("whitespace");
        assertThat(json.at("/mappings/properties/pinyin/analyzer").asString()).isEqualTo("whitespace");
        assertThat(json.at("/mappings/_meta/analysis").toString()).isEqualTo("[\"icu\",\"smartcn\"]");
        assertThat(json.has("_comment")).isFalse();
        assertThat(IndexTemplate.fromMeta(List.of("icu", "smartcn"))).isEqualTo(template);
    }

    @Test
    void anIndexCreatedBeforeVariantsIsReadBackAsCore() {
        assertThat(IndexTemplate.fromMeta(List.of()).plugins()).isEmpty();
        assertThat(IndexTemplate.fromMeta(List.of("core")).plugins()).isEmpty();
        assertThat(IndexTemplate.fromMeta(List.of("smartcn")).ranksWithSmartcn()).isTrue();
    }

    @Test
    void smartcnSubFieldsOnlyAddOptionalClausesSoTheMatchesStayTheSame() {
        try (RecordDocuments documents = new RecordDocuments(JSON); QueryBuilder queries = new QueryBuilder(documents)) {
            Query core = queries.text("长治 梆子", new IndexTemplate(Set.of()));
            Query ranked = queries.text("长治 梆子", new IndexTemplate(Set.of(AnalysisPlugin.SMARTCN)));

            assertThat(core.bool().should()).isEmpty();
            assertThat(ranked.bool().must()).hasToString(core.bool().must().toString());
            assertThat(ranked.bool().should()).hasSize(4)
                    .allSatisfy(q -> assertThat(q.match().field()).endsWith(".smartcn"));
            assertThat(ranked.bool().minimumShouldMatch()).isNull();
        }
    }
}
