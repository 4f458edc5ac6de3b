package org.shangdang.indexer.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.indexer.lucene.LuceneSearchIndex;

/** The scan contract on the embedded Lucene engine, in a temporary directory. */
class LuceneScanContractTest extends ScanContract {

    private Path dir;

    @Override
    protected SearchIndex openEmptyIndex() {
        try {
            dir = Files.createTempDirectory("shangdang-scan-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return LuceneSearchIndex.open(dir);
    }

    @Override
    protected SearchIndex reopen() {
        return LuceneSearchIndex.open(dir);
    }

    @Override
    protected void remove() throws IOException {
        if (dir != null) {
            LuceneSearchContractTest.deleteTree(dir);
        }
    }
}
