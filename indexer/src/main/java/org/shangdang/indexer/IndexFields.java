package org.shangdang.indexer;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.util.BytesRef;
import org.shangdang.indexer.analysis.CapturedTokens;
import org.shangdang.indexer.analysis.ChineseAnalyzers;
import org.shangdang.indexer.analysis.ChineseFolding;
import org.shangdang.indexer.analysis.Isbns;
import org.shangdang.indexer.analysis.Pinyin;
import org.shangdang.indexer.analysis.ValueCache;
import org.shangdang.record.Classification;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Creator;
import org.shangdang.record.Holding;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every field of the Lucene index and why it is analysed the way it is. The one place to change when
 * the index layout changes (and then every index must be rebuilt from the record store).
 *
 * <p>Text is indexed twice: once as dictionary words ({@link ChineseAnalyzers#words()}) for precise,
 * well-ranked matches, and once as CJK bigrams ({@link ChineseAnalyzers#bigramsIndex()}) in the
 * {@code *_cjk} twin, so that any character sequence matches even where the dictionary segments the
 * document and the query differently (长治 in 长治市). Both analyzers fold traditional, full-width and
 * case variants, so they are equal at search time.
 *
 * <p>Each text is analysed once per document and analyzer: {@link #toDocument} gives its text fields tokens
 * captured on first use ({@link CapturedTokens}), so a title indexed in {@link #TITLE} and again in {@link #ALL}
 * (and its bigrams in both twins) is segmented by smartcn once, and short values (creators, subjects, publishers,
 * titles) reuse their words across documents. The tokens are exactly those {@link #newIndexAnalyzer()} makes
 * of the field, so the index is the same as if every field were analysed by the writer.
 *
 * <p>Stateless and thread-safe; {@link #newIndexAnalyzer()} returns an analyzer the caller closes.
 */
public final class IndexFields {

    /** Canonical id: the upsert/delete key (indexed as one term), the tie-breaker sort (doc values) and stored. */
    public static final String ID = "id";

    /**
     * Title proper, dictionary words. Stored and with offsets in the postings because the
     * UnifiedHighlighter highlights it from its postings without re-analysing.
     */
    public static final String TITLE = "title";

    /** Creator names, one value each; stored with offsets for highlighting, like {@link #TITLE}. */
    public static final String CREATORS = "creators";

    /** Subject headings and keywords, one value each; stored with offsets for highlighting. */
    public static final String SUBJECTS = "subjects";

    /** Summary or abstract; stored with offsets for highlighting (snippets of long text). */
    public static final String DESCRIPTION = "description";

    /**
     * Text extracted from the digital object (a PDF's text layer, OCR of a scan, lyrics): searched through
     * {@link #ALL}, and here, stored with offsets, only so that the UnifiedHighlighter can show where in the text a
     * reader's words occur.
     */
    public static final String FULL_TEXT = "full_text";

    /** Publisher name, words only: searched through {@link #ALL}, kept apart for fielded use. */
    public static final String PUBLISHER = "publisher";

    /**
     * Every searchable text of the record (titles of all kinds, creators, subjects, description,
     * publisher, place, notes, class numbers, extracted full text): the catch-all a reader's query falls back on. The holding
     * library and county are left out: they are facets, and as text they would make 长治 match every
     * record of 长治市图书馆. Not stored; nothing is highlighted from it.
     */
    public static final String ALL = "all";

    /** Suffix of the bigram twin of a text field; the twin is indexed with offsets when its field is highlighted. */
    public static final String CJK_SUFFIX = "_cjk";

    /**
     * ISBNs as digits and {@code X} ({@link ChineseAnalyzers#isbn()}), plus the ISBN-13 of every ISBN-10,
     * so hyphens, full-width digits and either form find the book.
     */
    public static final String ISBN = "isbn";

    /**
     * Toneless pinyin of the title, creators and subjects ({@link Pinyin.Forms#syllables()}), one value
     * per catalogued value, split on spaces ({@link #pinyinAnalyzer()}): a reader's letters-only word
     * matches a syllable (zhi), a quoted letters-only phrase its syllables in sequence ("shang dang").
     * Pinyin is computed in Java, so the Elasticsearch engine indexes the very same tokens. Not stored.
     */
    public static final String PINYIN = "pinyin";

    /**
     * Every run of syllables of {@link #PINYIN} from each syllable on, written together
     * ({@link Pinyin.Forms#joined()}: shangdangbangzi, dangbangzi, …), one term each: a letters-only
     * word of at least {@link Pinyin#MIN_JOINED_PREFIX} letters matches as a prefix, i.e. wherever its
     * syllables occur in sequence in one value, without the reader splitting syllables.
     */
    public static final String PINYIN_JOINED = "pinyin_joined";

    /**
     * The syllables' first letters from each syllable on ({@link Pinyin.Forms#initials()}: sdbz, dbz, …),
     * one term each: a letters-only word of {@link Pinyin#MIN_INITIALS} to {@link Pinyin#MAX_INITIALS}
     * letters matches as a prefix (czs → 长治市…), the way readers type abbreviations in input methods.
     */
    public static final String PINYIN_INITIALS = "pinyin_initials";

    /**
     * The record's work ({@link CanonicalRecord#workIdOrSelf()}): one term for filtering, and sorted doc
     * values (one value per document) that hits are grouped by when a search collapses works.
     */
    public static final String WORK_ID = "work_id";

    /**
     * Barcodes of the record's copies ({@link #barcodeKey}), one keyword term each: what a barcode scan is
     * looked up by ({@link Lookup#barcode}), exactly, without scanning records.
     */
    public static final String BARCODE = "barcode";

    /**
     * Call numbers of the record's copies, each with its holding library ({@link #callNumberTerm}), one
     * keyword term each: a library's shelf is browsed by a prefix of this term ({@link Lookup#callNumberPrefix}),
     * and the library in front keeps one library's I236 apart from another's.
     */
    public static final String CALL_NUMBER = "call_number";

    /** Between the library and the call number in {@link #CALL_NUMBER}: a character neither contains. */
    private static final char LIBRARY_SEPARATOR = '\u001f';

    /** The whole record as JSON: what {@code get()} and hits are rebuilt from, so no second store is needed. */
    public static final String SOURCE = "_source";

    /**
     * The record's {@link RecordHoldings} as JSON: what copy counts and lists are read from, without parsing
     * {@link #SOURCE}. An index written before this field existed lacks it; readers then fall back to
     * {@link #SOURCE} until the index is rebuilt from the record store.
     */
    public static final String HOLDINGS = "_holdings";

    /** Text fields that are highlighted; their {@code *_cjk} twins are what masks them in the highlighter. */
    public static final List<String> HIGHLIGHTED = List.of(TITLE, CREATORS, SUBJECTS, DESCRIPTION, FULL_TEXT);

    /** Text fields searched by a reader's query, with their boosts (title matches rank first). */
    public static final Map<String, Float> SEARCHED = Map.of(TITLE, 4f, CREATORS, 2f, SUBJECTS, 2f, ALL, 1f);

    /** Indexed with positions and offsets, stored: a highlighted field. */
    private static final FieldType HIGHLIGHTED_TEXT = textType(true, true);
    /** Indexed with positions and offsets, not stored: the bigram twin of a highlighted field. */
    private static final FieldType HIGHLIGHTED_TWIN = textType(false, true);
    /** Indexed with positions only: searched, never highlighted. */
    private static final FieldType SEARCH_ONLY_TEXT = textType(false, false);

    /** One term per value, no positions: ISBNs are matched whole. */
    private static final FieldType ISBN_TYPE = isbnType();

    /**
     * The analyzers {@link #toDocument} captures tokens with: the same as {@link #newIndexAnalyzer()} applies to
     * the text fields and their twins. Shared by every document and never closed (they live as long as this class).
     */
    private static final Analyzer WORDS_ANALYZER = ChineseAnalyzers.words();
    private static final Analyzer BIGRAMS_ANALYZER = ChineseAnalyzers.bigramsIndex();

    /** Slots of {@link #CACHED_WORDS}: a few MB at most, enough for a city's creators, subjects and publishers. */
    private static final int CACHED_VALUES = 1 << 14;
    /** Values up to this many characters keep their words across documents; longer ones (summaries) rarely repeat. */
    private static final int CACHED_VALUE_LENGTH = 64;
    /** Smartcn words of short values: creators, subjects, publishers and re-catalogued titles come back. */
    private static final ValueCache<CapturedTokens> CACHED_WORDS = new ValueCache<>(CACHED_VALUES,
            CACHED_VALUE_LENGTH, v -> CapturedTokens.of(WORDS_ANALYZER, ALL, v));

    private IndexFields() {}

    /** The bigram twin of a text field. */
    public static String cjk(String field) {
        return field + CJK_SUFFIX;
    }

    /**
     * The summed size in bytes of the record's media files whose size is known: doc values only, summed over
     * the index for the digital volume in {@code /api/stats}.
     */
    public static final String MEDIA_BYTES = "media_bytes";

    /** The summed size of the record's media files whose size is known; 0 when none is. */
    public static long mediaBytes(CanonicalRecord record) {
        return record.media().stream().mapToLong(m -> m.bytes().orElse(0L)).sum();
    }

    /** The facet dimension of a facet: its query parameter name. */
    public static String dimension(Facet facet) {
        return facet.param();
    }

    /**
     * How facet dimensions are indexed: languages and themes may repeat within a record, every other facet has at
     * most one value. A new instance per call, since {@link FacetsConfig} is mutable; do not modify it
     * after indexing has started.
     */
    public static FacetsConfig newFacetsConfig() {
        FacetsConfig config = new FacetsConfig();
        config.setMultiValued(dimension(Facet.LANGUAGE), true);
        config.setMultiValued(dimension(Facet.THEME), true);
        return config;
    }

    /** The analyzer the writer applies per field: words by default, bigrams on twins, the ISBN normaliser. */
    public static Analyzer newIndexAnalyzer() {
        Analyzer bigrams = ChineseAnalyzers.bigramsIndex();
        Map<String, Analyzer> perField = new HashMap<>();
        for (String field : List.of(TITLE, CREATORS, SUBJECTS, DESCRIPTION, FULL_TEXT, PUBLISHER, ALL)) {
            perField.put(cjk(field), bigrams);
        }
        perField.put(ISBN, ChineseAnalyzers.isbn());
        perField.put(PINYIN, pinyinAnalyzer());
        return new PerFieldAnalyzerWrapper(ChineseAnalyzers.words(), perField);
    }

    /**
     * The document for a record, before {@link FacetsConfig#build} adds the facet index fields.
     *
     * @param json the mapper that writes {@link #SOURCE}
     */
    public static Document toDocument(CanonicalRecord record, JsonMapper json) {
        Document doc = new Document();
        TextAnalysis text = new TextAnalysis();
        doc.add(new KeywordField(ID, record.id(), Field.Store.YES));
        doc.add(new StringField(WORK_ID, record.workIdOrSelf(), Field.Store.NO));
        doc.add(new SortedDocValuesField(WORK_ID, new BytesRef(record.workIdOrSelf())));

        addText(doc, text, TITLE, List.of(record.title()), HIGHLIGHTED_TEXT, HIGHLIGHTED_TWIN);
        addText(doc, text, CREATORS, record.creators().stream().map(Creator::name).toList(), HIGHLIGHTED_TEXT, HIGHLIGHTED_TWIN);
        addText(doc, text, SUBJECTS, record.subjects(), HIGHLIGHTED_TEXT, HIGHLIGHTED_TWIN);
        addText(doc, text, DESCRIPTION, record.description().stream().toList(), HIGHLIGHTED_TEXT, HIGHLIGHTED_TWIN);
        addText(doc, text, FULL_TEXT, record.fullText().stream().toList(), HIGHLIGHTED_TEXT, HIGHLIGHTED_TWIN);
        addText(doc, text, PUBLISHER, record.publisher().stream().toList(), SEARCH_ONLY_TEXT, SEARCH_ONLY_TEXT);
        addText(doc, text, ALL, allText(record), SEARCH_ONLY_TEXT, SEARCH_ONLY_TEXT);

        for (Pinyin.Forms forms : pinyinForms(record)) {
            doc.add(new Field(PINYIN, forms.syllables(), SEARCH_ONLY_TEXT));
            forms.joined().forEach(term -> doc.add(new StringField(PINYIN_JOINED, term, Field.Store.NO)));
            forms.initials().forEach(term -> doc.add(new StringField(PINYIN_INITIALS, term, Field.Store.NO)));
        }

        for (String isbn : isbnTerms(record)) {
            doc.add(new Field(ISBN, isbn, ISBN_TYPE));
        }
        barcodeTerms(record).forEach(term -> doc.add(new StringField(BARCODE, term, Field.Store.NO)));
        callNumberTerms(record).forEach(term -> doc.add(new StringField(CALL_NUMBER, term, Field.Store.NO)));

        facetValues(record).forEach((facet, values) -> values.forEach(
                v -> doc.add(new SortedSetDocValuesFacetField(dimension(facet), v))));

        long bytes = mediaBytes(record);
        if (bytes > 0) {
            doc.add(new NumericDocValuesField(MEDIA_BYTES, bytes));
        }
        doc.add(new StoredField(SOURCE, json.writeValueAsString(record)));
        doc.add(new StoredField(HOLDINGS, json.writeValueAsString(RecordHoldings.of(record))));
        return doc;
    }

    /** The pinyin of the record's title, creators and subjects, value by value, as {@link #PINYIN} and its kin hold it. */
    public static List<Pinyin.Forms> pinyinForms(CanonicalRecord record) {
        List<String> values = new ArrayList<>();
        values.add(record.title());
        record.creators().forEach(c -> values.add(c.name()));
        values.addAll(record.subjects());
        return Pinyin.ofAll(values);
    }

    /**
     * Splits {@link #PINYIN} on white space (the text is already lower-case pinyin), with
     * {@link ChineseAnalyzers#POSITION_INCREMENT_GAP} between values so a syllable phrase never spans
     * two values, as Elasticsearch's default gap does.
     */
    public static Analyzer pinyinAnalyzer() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                return new TokenStreamComponents(new WhitespaceTokenizer());
            }

            @Override
            public int getPositionIncrementGap(String fieldName) {
                return ChineseAnalyzers.POSITION_INCREMENT_GAP;
            }
        };
    }

    /**
     * The normalised ISBNs of the record ({@link Isbns#normalise}), each ISBN-10 followed by its ISBN-13,
     * without duplicates: the terms of {@link #ISBN}.
     */
    public static List<String> isbnTerms(CanonicalRecord record) {
        Set<String> isbns = new LinkedHashSet<>();
        for (String isbn : record.isbns()) {
            String normalised = Isbns.normalise(isbn);
            if (!normalised.isEmpty()) {
                isbns.add(normalised);
                Isbns.toIsbn13(normalised).ifPresent(isbns::add);
            }
        }
        return List.copyOf(isbns);
    }

    /** The {@link #BARCODE} terms of the record: its copies' barcodes, normalised, without duplicates. */
    public static List<String> barcodeTerms(CanonicalRecord record) {
        Set<String> terms = new LinkedHashSet<>();
        for (Holding holding : record.holdings()) {
            holding.barcode().map(IndexFields::barcodeKey).filter(b -> !b.isEmpty()).ifPresent(terms::add);
        }
        return List.copyOf(terms);
    }

    /** The {@link #CALL_NUMBER} terms of the record: library and call number of each copy, without duplicates. */
    public static List<String> callNumberTerms(CanonicalRecord record) {
        Set<String> terms = new LinkedHashSet<>();
        for (Holding holding : record.holdings()) {
            holding.callNumber().map(IndexFields::callNumberKey).filter(c -> !c.isEmpty())
                    .ifPresent(c -> terms.add(callNumberTerm(holding.library(), c)));
        }
        return List.copyOf(terms);
    }

    /** A barcode as indexed and looked up: width-folded, upper-case, without spaces (scanners and typists differ). */
    public static String barcodeKey(String barcode) {
        return withoutSpaces(ChineseFolding.nfkcCasefold().normalize(barcode)).toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * A call number as indexed and looked up: width- and case-folded, without spaces, so {@code I236.25 /12},
     * {@code i236.25/12} and full-width forms are one.
     */
    public static String callNumberKey(String callNumber) {
        return withoutSpaces(ChineseFolding.nfkcCasefold().normalize(callNumber));
    }

    /** The {@link #CALL_NUMBER} term of a library's (stripped) name and a {@link #callNumberKey}. */
    public static String callNumberTerm(String library, String callNumberKey) {
        return library.strip() + LIBRARY_SEPARATOR + callNumberKey;
    }

    private static String withoutSpaces(String text) {
        return text.codePoints().filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    /**
     * The record's value(s) of each facet, stripped, blank values left out, languages without
     * duplicates; a facet the record has no value for is absent from the map.
     */
    public static Map<Facet, List<String>> facetValues(CanonicalRecord record) {
        Map<Facet, List<String>> values = new EnumMap<>(Facet.class);
        addFacet(values, Facet.SOURCE, Optional.of(record.sourceId()));
        addFacet(values, Facet.LIBRARY, Optional.of(record.library()));
        addFacet(values, Facet.COUNTY, record.county());
        addFacet(values, Facet.KIND, Optional.of(record.kind().facetValue()));
        addFacet(values, Facet.YEAR, record.year().map(String::valueOf));
        record.languages().forEach(l -> addFacet(values, Facet.LANGUAGE, Optional.of(l)));
        record.themes().forEach(t -> addFacet(values, Facet.THEME, Optional.of(t)));
        addFacet(values, Facet.GENRE, record.genre());
        values.replaceAll((facet, list) -> List.copyOf(list));
        return values;
    }

    /**
     * Every searchable text of the record, in the order {@link #ALL} indexes it: titles of all kinds,
     * creators, subjects, description, publisher, place, notes, class numbers and the extracted full text.
     */
    public static List<String> allText(CanonicalRecord record) {
        List<String> all = new ArrayList<>();
        all.add(record.title());
        all.addAll(record.parallelTitles());
        all.addAll(record.otherTitles());
        record.creators().forEach(c -> all.add(c.name()));
        all.addAll(record.subjects());
        record.description().ifPresent(all::add);
        record.publisher().ifPresent(all::add);
        record.place().ifPresent(all::add);
        all.addAll(record.notes());
        record.classifications().stream().map(Classification::code).forEach(all::add);
        record.fullText().ifPresent(all::add);
        return all;
    }

    private static void addText(Document doc, TextAnalysis text, String field, List<String> values, FieldType words,
            FieldType bigrams) {
        values.stream().filter(v -> v != null && !v.isBlank()).forEach(v -> {
            doc.add(new PreAnalysedField(field, v, words, text.words(v)));
            doc.add(new PreAnalysedField(cjk(field), v, bigrams, text.bigrams(v)));
        });
    }

    private static void addFacet(Map<Facet, List<String>> values, Facet facet, Optional<String> value) {
        // Facet labels must be non-empty; a blank value is the same as none.
        value.map(String::strip).filter(v -> !v.isEmpty()).ifPresent(v -> {
            List<String> list = values.computeIfAbsent(facet, f -> new ArrayList<>());
            if (!list.contains(v)) {
                list.add(v);
            }
        });
    }

    private static FieldType textType(boolean stored, boolean offsets) {
        FieldType type = new FieldType(stored ? TextField.TYPE_STORED : TextField.TYPE_NOT_STORED);
        type.setIndexOptions(offsets
                ? IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS
                : IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
        type.freeze();
        return type;
    }

    private static FieldType isbnType() {
        FieldType type = new FieldType(TextField.TYPE_NOT_STORED);
        type.setIndexOptions(IndexOptions.DOCS);
        type.setOmitNorms(true);
        type.freeze();
        return type;
    }

    /** The analyzers of the text fields, each with what it makes of a text. */
    private enum TextAnalyzer {
        WORDS {
            @Override
            CapturedTokens analyse(String text) {
                return CACHED_WORDS.get(text);
            }
        },
        BIGRAMS {
            @Override
            CapturedTokens analyse(String text) {
                return CapturedTokens.of(BIGRAMS_ANALYZER, ALL, text);
            }
        };

        abstract CapturedTokens analyse(String text);
    }

    /**
     * The texts of one document, each analysed at most once per analyzer, when a field first needs its tokens
     * (inside {@code IndexWriter.addDocument}, where analysis has always happened).
     */
    private static final class TextAnalysis {
        private final Map<String, LazyTokens> words = new HashMap<>();
        private final Map<String, LazyTokens> bigrams = new HashMap<>();

        LazyTokens words(String text) {
            return words.computeIfAbsent(text, t -> new LazyTokens(t, TextAnalyzer.WORDS));
        }

        LazyTokens bigrams(String text) {
            return bigrams.computeIfAbsent(text, t -> new LazyTokens(t, TextAnalyzer.BIGRAMS));
        }
    }

    /** A text's tokens, captured on first use; threads racing on the first use may both analyse it (same result). */
    private static final class LazyTokens {
        private final String text;
        private final TextAnalyzer analyzer;
        private volatile CapturedTokens tokens;

        LazyTokens(String text, TextAnalyzer analyzer) {
            this.text = text;
            this.analyzer = analyzer;
        }

        CapturedTokens get() {
            CapturedTokens captured = tokens;
            if (captured == null) {
                captured = analyzer.analyse(text);
                tokens = captured;
            }
            return captured;
        }
    }

    /**
     * A text field whose value is the text as catalogued (stored as such when its type stores) and whose tokens
     * are replayed from {@link LazyTokens} instead of analysed by the writer's analyzer. May be indexed more than
     * once (the live index and a rebuild); each time gives the same tokens.
     */
    private static final class PreAnalysedField extends Field {
        private final LazyTokens tokens;

        PreAnalysedField(String name, String value, FieldType type, LazyTokens tokens) {
            super(name, type);
            this.fieldsData = value;
            this.tokens = tokens;
        }

        @Override
        public TokenStream tokenStream(Analyzer analyzer, TokenStream reuse) {
            return CapturedTokens.Replay.of(tokens.get(), reuse);
        }
    }
}
