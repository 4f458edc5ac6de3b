package org.shangdang.api.suggest;

import org.shangdang.indexer.SearchIndex;
import org.shangdang.indexer.suggest.SuggestIndex;
import org.shangdang.indexer.suggest.SuggestingSearchIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * Keeps the suggestions in step with the index, whichever engine serves it: the {@link SearchIndex} bean
 * is wrapped in a {@link SuggestingSearchIndex}, so every commit of the harvest routes reaches the
 * suggestions, and once the application is ready the records an earlier run indexed are read in on a
 * background thread.
 */
@Configuration(proxyBeanMethods = false)
public class SuggestConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SuggestConfiguration.class);

    @Bean(destroyMethod = "close")
    SuggestIndex suggestIndex() {
        return new SuggestIndex();
    }

    /** Static: a post-processor is created before other beans, and must not pull them in early. */
    @Bean
    static BeanPostProcessor suggestingSearchIndex(ObjectProvider<SuggestIndex> suggestions,
            ObjectProvider<SuggestProperties> properties) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof SearchIndex engine && !(bean instanceof SuggestingSearchIndex)) {
                    return new SuggestingSearchIndex(engine, suggestions.getObject(), properties.getObject().refresh());
                }
                return bean;
            }
        };
    }

    @EventListener(ApplicationReadyEvent.class)
    void loadTheIndexedRecords(ApplicationReadyEvent event) {
        SearchIndex index = event.getApplicationContext().getBean(SearchIndex.class);
        if (!(index instanceof SuggestingSearchIndex suggesting)) {
            return;
        }
        Thread loader = new Thread(() -> {
            try {
                long started = System.currentTimeMillis();
                int read = suggesting.loadFromEngine();
                log.info("suggestions: read {} indexed records in {} ms ({})", read,
                        System.currentTimeMillis() - started, suggesting.suggestions().stats());
            } catch (RuntimeException e) {
                // The index may be unreachable at start-up; records committed from now on still arrive.
                log.warn("suggestions: could not read the indexed records: {}", e.getMessage());
            }
        }, "suggest-load");
        loader.setDaemon(true);
        loader.start();
    }
}
