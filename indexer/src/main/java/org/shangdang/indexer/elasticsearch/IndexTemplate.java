package org.shangdang.indexer.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The settings and mappings a new index is created with, chosen by the analysis plugins the cluster has.
 *
 * <p>{@code elasticsearch/records-template.json} needs core analyzers only. For each plugin the cluster
 * has, its overlay ({@code elasticsearch/analysis-icu.json}, {@code analysis-smartcn.json}) is merged in:
 * with {@code analysis-icu} the folded text fields are also {@code icu_folding}-ed by the cluster; with
 * {@code analysis-smartcn} the searched fields get a {@code .smartcn} sub-field that queries use for
 * ranking only. Neither changes which records a query matches, so both engines keep returning the same
 * hits. The plugins used are written to the mapping's {@code _meta.analysis}, where queries read them back.
 *
 * @param plugins the analysis plugins this template uses
 */
public record IndexTemplate(Set<AnalysisPlugin> plugins) {

    static final String CORE = "/elasticsearch/records-template.json";
    /** Keys of overlay files that document them and are not part of the template. */
    private static final String COMMENT = "_comment";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public IndexTemplate {
        plugins = plugins.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(plugins));
    }

    /** An Elasticsearch analysis plugin the engine can use. */
    public enum AnalysisPlugin {
        /** {@code analysis-icu}: ICU folding of text. */
        ICU("analysis-icu", "/elasticsearch/analysis-icu.json"),
        /** {@code analysis-smartcn}: the smartcn Chinese word segmenter, for ranking. */
        SMARTCN("analysis-smartcn", "/elasticsearch/analysis-smartcn.json");

        private final String pluginName;
        private final String overlay;

        AnalysisPlugin(String pluginName, String overlay) {
            this.pluginName = pluginName;
            this.overlay = overlay;
        }

        /** The plugin's name as {@code _cat/plugins} and nodes info list it. */
        public String pluginName() {
            return pluginName;
        }

        /** The name written to {@code _meta.analysis}: {@code icu}, {@code smartcn}. */
        public String metaName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The template for a cluster where every node has these plugins installed (names as Elasticsearch
     * lists them, e.g. {@code analysis-smartcn}); plugins it cannot use are ignored.
     */
    public static IndexTemplate forPlugins(Collection<String> installedOnEveryNode) {
        Set<AnalysisPlugin> used = EnumSet.noneOf(AnalysisPlugin.class);
        for (AnalysisPlugin plugin : AnalysisPlugin.values()) {
            if (installedOnEveryNode.contains(plugin.pluginName())) {
                used.add(plugin);
            }
        }
        return new IndexTemplate(used);
    }

    /**
     * The template for a cluster whose nodes have these plugins, one set per node: only plugins every node
     * has can be used, since any node may hold a shard of the index.
     */
    public static IndexTemplate forNodes(Collection<? extends Collection<String>> pluginsPerNode) {
        Set<String> onEveryNode = null;
        for (Collection<String> node : pluginsPerNode) {
            if (onEveryNode == null) {
                onEveryNode = new java.util.HashSet<>(node);
            } else {
                onEveryNode.retainAll(node);
            }
        }
        return forPlugins(onEveryNode == null ? Set.of() : onEveryNode);
    }

    /**
     * The plugins an existing index was created with, from its mapping's {@code _meta.analysis} values;
     * an index without them (created before variants existed) used core analyzers only.
     */
    public static IndexTemplate fromMeta(Collection<String> metaAnalysis) {
        Set<AnalysisPlugin> used = Arrays.stream(AnalysisPlugin.values())
                .filter(p -> metaAnalysis.contains(p.metaName()))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(AnalysisPlugin.class)));
        return new IndexTemplate(used);
    }

    /** Whether queries may rank by the {@code .smartcn} sub-fields. */
    public boolean ranksWithSmartcn() {
        return plugins.contains(AnalysisPlugin.SMARTCN);
    }

    /** For the log: {@code core analyzers only} or the plugins used. */
    public String describe() {
        if (plugins.isEmpty()) {
            return "core analyzers only";
        }
        return plugins.stream().sorted().map(AnalysisPlugin::pluginName).collect(Collectors.joining(" and "));
    }

    /** The template's {@code index.refresh_interval}: what an index gets back after a rebuild loaded it. */
    public String refreshInterval() {
        JsonNode interval = read(CORE).path("settings").path("index").path("refresh_interval");
        if (!interval.isString()) {
            throw new IllegalStateException("elasticsearch/records-template.json has no settings.index.refresh_interval");
        }
        return interval.asString();
    }

    /** The index creation body: the core template with this variant's overlays merged in. */
    public String json() {
        ObjectNode template = read(CORE);
        for (AnalysisPlugin plugin : AnalysisPlugin.values()) {
            if (plugins.contains(plugin)) {
                ObjectNode overlay = read(plugin.overlay);
                overlay.remove(COMMENT);
                merge(template, overlay);
            }
        }
        ObjectNode meta = (ObjectNode) template.get("mappings").get("_meta");
        ArrayNode analysis = meta.putArray("analysis");
        if (plugins.isEmpty()) {
            analysis.add("core");
        }
        plugins.stream().sorted().map(AnalysisPlugin::metaName).forEach(analysis::add);
        return JSON.writeValueAsString(template);
    }

    /** Objects are merged key by key; anything else in the overlay replaces the template's value. */
    private static void merge(ObjectNode into, ObjectNode overlay) {
        for (Map.Entry<String, JsonNode> entry : overlay.properties()) {
            JsonNode existing = into.get(entry.getKey());
            if (existing instanceof ObjectNode target && entry.getValue() instanceof ObjectNode source) {
                merge(target, source);
            } else {
                into.set(entry.getKey(), entry.getValue().deepCopy());
            }
        }
    }

    private static ObjectNode read(String resource) {
        try (InputStream in = IndexTemplate.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the index template part " + resource + " is missing from the class path");
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the index template part " + resource, e);
        }
    }
}
