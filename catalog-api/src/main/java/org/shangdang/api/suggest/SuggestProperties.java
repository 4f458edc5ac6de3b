package org.shangdang.api.suggest;

import org.shangdang.indexer.suggest.SuggestRefresh;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Suggestions as readers type ({@code shangdang.suggest}).
 *
 * @param refresh {@code in-background} (default: commits never wait; suggestions lag one rebuild) or
 *     {@code on-commit} (a commit returns once suggestions show it)
 */
@ConfigurationProperties("shangdang.suggest")
public record SuggestProperties(@DefaultValue("in-background") SuggestRefresh refresh) {}
