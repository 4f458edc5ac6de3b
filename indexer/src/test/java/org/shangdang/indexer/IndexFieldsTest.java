package org.shangdang.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.shangdang.indexer.contract.ContractFixture;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Creator;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.ResourceKind;
import tools.jackson.databind.json.JsonMapper;

/**
 * The documents of {@link IndexFields#toDocument}: their text fields replay tokens analysed once per document,
 * and the index must be the very one the writer's analyzer makes of the same texts.
 */
class IndexFieldsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final FacetsConfig FACETS = IndexFields.newFacetsConfig();

    /** Texts that repeat within a record, traditional and full-width forms, punctuation, long text, blanks. */
    private static CanonicalRecord awkward() {
        String summary = "《上黨梆子》是山西省東南部的地方戲曲，流行於長治、晉城一帶。本書收錄傳統劇目——"
                + "《三關排宴》《雁門關》等——的唱腔與曲譜，ＡＢＣ　１２３，並附演員小傳。".repeat(3);
        return CanonicalRecord.builder("changzhi-city", "awkward-1").format(RecordFormat.MARCXML)
                .kind(ResourceKind.BOOK).title("上黨梆子：長治 上党梆子")
                .creator(Creator.of("張三", "著")).creator(Creator.of("张三", "编")).creator(Creator.of("——", "译"))
                .subject("上黨梆子：長治 上党梆子").subject("戏曲").subject("…").note("上黨梆子：長治 上党梆子")
                .parallelTitle("Shangdang Bangzi opera").otherTitle("張三")
                .description(summary).fullText(summary + " 全文 OCR text, ISBN 978-7-203-01234-5.")
                .publisher("山西人民出版社").library("长治市图书馆").datestamp(Instant.parse("2026-11-01T08:00:00Z"))
                .build();
    }

    private static List<CanonicalRecord> records() {
        List<CanonicalRecord> records = new ArrayList<>(ContractFixture.records());
        records.add(awkward());
        return records;
    }

    /** The same document with each text field given as its text, for the writer's analyzer to analyse. */
    private static Document analysedByTheWriter(Document doc) {
        Document copy = new Document();
        for (IndexableField field : doc) {
            boolean text = field.fieldType().tokenized() && field.fieldType().indexOptions() != IndexOptions.NONE
                    && field.stringValue() != null;
            copy.add(text ? new Field(field.name(), field.stringValue(), (FieldType) field.fieldType()) : field);
        }
        return copy;
    }

    @Test
    void preAnalysedDocumentsIndexTheSamePostingsNormsAndStoredValuesAsTheWritersAnalyzer() throws IOException {
        // given the fixture's records and one whose title recurs in its subjects, traditional, with punctuation
        List<Document> documents = new ArrayList<>();
        List<Document> reference = new ArrayList<>();
        for (CanonicalRecord record : records()) {
            Document doc = FACETS.build(IndexFields.toDocument(record, JSON));
            reference.add(analysedByTheWriter(doc));
            documents.add(doc);
        }

        // when each set is indexed
        List<String> expected = indexAndDescribe(reference);
        List<String> actual = indexAndDescribe(documents);

        // then every term, position, offset, norm and stored value is the same
        assertThat(actual).hasSizeGreaterThan(1000).isEqualTo(expected);
    }

    @Test
    void aDocumentIndexedTwiceGivesTheSameTokensBothTimes() throws IOException {
        // given documents already indexed once (the live index), as when a rebuild is open beside it
        List<Document> documents = records().stream().map(r -> {
            try {
                return FACETS.build(IndexFields.toDocument(r, JSON));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        List<String> first = indexAndDescribe(documents);

        // when the same document objects are indexed again (the rebuild)
        List<String> second = indexAndDescribe(documents);

        // then the second index is the first
        assertThat(second).isEqualTo(first);
    }

    private static List<String> indexAndDescribe(List<Document> documents) throws IOException {
        try (Directory dir = new ByteBuffersDirectory()) {
            try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(IndexFields.newIndexAnalyzer()))) {
                for (Document doc : documents) {
                    writer.addDocument(doc);
                }
                writer.forceMerge(1);
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                List<String> lines = new ArrayList<>();
                for (LeafReaderContext leaf : reader.leaves()) {
                    describe(leaf.reader(), lines);
                }
                return lines;
            }
        }
    }

    private static void describe(LeafReader reader, List<String> lines) throws IOException {
        for (FieldInfo info : reader.getFieldInfos()) {
            Terms terms = reader.terms(info.name);
            if (terms != null) {
                TermsEnum te = terms.iterator();
                BytesRef term;
                while ((term = te.next()) != null) {
                    PostingsEnum postings = te.postings(null, PostingsEnum.ALL);
                    while (postings.nextDoc() != DocIdSetIterator.NO_MORE_DOCS) {
                        StringBuilder line = new StringBuilder(info.name).append(' ').append(term.utf8ToString())
                                .append(" doc=").append(postings.docID()).append(" freq=").append(postings.freq());
                        for (int i = 0; i < postings.freq(); i++) {
                            line.append(" ").append(postings.nextPosition()).append('[')
                                    .append(postings.startOffset()).append(',').append(postings.endOffset()).append(']');
                        }
                        lines.add(line.toString());
                    }
                }
            }
            if (info.hasNorms()) {
                NumericDocValues norms = reader.getNormValues(info.name);
                while (norms.nextDoc() != DocIdSetIterator.NO_MORE_DOCS) {
                    lines.add(info.name + " norm doc=" + norms.docID() + " " + norms.longValue());
                }
            }
        }
        StoredFields stored = reader.storedFields();
        for (int doc = 0; doc < reader.maxDoc(); doc++) {
            for (IndexableField field : stored.document(doc)) {
                lines.add(field.name() + " stored doc=" + doc + " " + field.stringValue());
            }
        }
    }
}
