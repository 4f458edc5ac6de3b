package org.shangdang.routes.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.indexer.lucene.LuceneSearchIndex;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The smallest application that harvests: Boot's DataSource and Flyway (H2, from
 * {@code application.yml}), this module's auto-configuration, and a real Lucene index in a new directory
 * under {@code test.index-parent} (a JUnit temporary directory) for every application context.
 */
@SpringBootApplication
public class HarvestTestApplication {

    @Bean(destroyMethod = "close")
    SearchIndex searchIndex(@Value("${test.index-parent}") Path parent) throws IOException {
        return LuceneSearchIndex.open(Files.createTempDirectory(parent, "index-"));
    }
}
