package org.shangdang.indexer.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.indexer.lucene.LuceneSearchIndex;

/** Zero-downtime re-index on the embedded Lucene engine: generations are directories beside each other. */
class LuceneRebuildContractTest extends RebuildContract {

    private Path dir;

    @Override
    protected SearchIndex openEmptyIndex() {
        try {
            dir = Files.createTempDirectory("shangdang-rebuild-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return LuceneSearchIndex.open(dir);
    }

    @Override
    protected void closeAndRemove(SearchIndex index) throws IOException {
        index.close();
        LuceneSearchContractTest.deleteTree(dir);
    }

    @Override
    protected List<String> storedGenerations() {
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
