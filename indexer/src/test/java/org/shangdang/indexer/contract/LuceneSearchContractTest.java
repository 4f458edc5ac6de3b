package org.shangdang.indexer.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.indexer.lucene.LuceneSearchIndex;

/** The search contract on the embedded Lucene engine, in a temporary directory. */
class LuceneSearchContractTest extends SearchContract {

    private Path dir;

    @Override
    protected SearchIndex openEmptyIndex() {
        try {
            dir = Files.createTempDirectory("shangdang-contract-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return LuceneSearchIndex.open(dir);
    }

    @Override
    protected void closeAndRemove(SearchIndex index) throws IOException {
        index.close();
        deleteTree(dir);
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
