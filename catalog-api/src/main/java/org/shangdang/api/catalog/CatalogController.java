package org.shangdang.api.catalog;

import java.io.StringWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.shangdang.api.error.NotFoundException;
import org.shangdang.api.oai.Marc21FromCanonical;
import org.shangdang.api.oai.MarcXmlRecord;
import org.shangdang.api.oai.Xml;
import org.shangdang.api.works.CatalogWork;
import org.shangdang.api.works.UnionWorks;
import org.shangdang.indexer.InvalidQueryException;
import org.shangdang.indexer.Lookup;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.indexer.analysis.Isbns;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Holding;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The union catalog of the city and county libraries: a merged work with every copy and its live status
 * ({@code /api/catalog/works/{id}}, also as one MARCXML record), and the lookups a desk or a terminal makes by
 * ISBN, barcode and call number. Barcodes and call numbers are looked up on their own index fields
 * ({@link Lookup}), never by reading records. Read-only.
 */
@RestController
public class CatalogController {

    /** The MARCXML media type (RFC 6207). */
    public static final MediaType MARCXML = MediaType.parseMediaType("application/marcxml+xml;charset=UTF-8");
    /** The most works one ISBN lookup lists (a multi-volume set shares one ISBN). */
    static final int MAX_WORKS_PER_ISBN = 20;
    private static final int MAX_KEY_LENGTH = 100;

    private final UnionWorks works;
    private final SearchIndex index;

    public CatalogController(UnionWorks works, SearchIndex index) {
        this.works = Objects.requireNonNull(works, "works");
        this.index = Objects.requireNonNull(index, "index");
    }

    /**
     * {@code GET /api/catalog/works/{id}}: the merged work; {@code ?format=marcxml} the same work as one MARC 21
     * record (MARCXML, every copy in an 852).
     */
    @GetMapping("/api/catalog/works/{*id}")
    public ResponseEntity<?> work(@PathVariable("id") String path,
            @RequestParam(name = "format", defaultValue = "json") String format) {
        String id = path.startsWith("/") ? path.substring(1) : path;
        String wanted = format.strip().toLowerCase(java.util.Locale.ROOT);
        if (!wanted.equals("json") && !wanted.equals("marcxml")) {
            throw new InvalidQueryException("format must be 'json' or 'marcxml'; got: '" + abbreviate(format) + "'");
        }
        List<CanonicalRecord> records = works.members(id);
        if (records.isEmpty()) {
            throw new NotFoundException("no work with id '" + abbreviate(id) + "'");
        }
        CatalogWork work = works.merge(records);
        if (wanted.equals("json")) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(work);
        }
        return ResponseEntity.ok().contentType(MARCXML).body(marcxml(work, records));
    }

    /** {@code GET /api/catalog/isbn/{isbn}}: the works with this ISBN, typed in any form. */
    @GetMapping("/api/catalog/isbn/{isbn}")
    public IsbnAnswer isbn(@PathVariable("isbn") String isbn) {
        String isbn13 = parseIsbn(isbn);
        List<CatalogWork> found = worksOf(index.lookup(Lookup.isbn(isbn13, Lookup.MAX_LIMIT)));
        if (found.isEmpty()) {
            throw new NotFoundException("no work with ISBN " + isbn13 + " (typed '" + abbreviate(isbn) + "')");
        }
        return new IsbnAnswer(isbn, isbn13, found);
    }

    /** {@code GET /api/catalog/barcode/{barcode}}: the copy with this barcode, its library, branch and work. */
    @GetMapping("/api/catalog/barcode/{barcode}")
    public BarcodeAnswer barcode(@PathVariable("barcode") String barcode) {
        CopyFound copy = findCopy(index, barcode);
        CatalogWork work = works.merge(works.members(copy.record().workIdOrSelf()));
        CatalogWork.HoldingView view = work.holdings().stream()
                .filter(h -> h.barcode().map(org.shangdang.indexer.IndexFields::barcodeKey).filter(copy.key()::equals).isPresent())
                .findFirst().orElseThrow(() -> new NotFoundException("no copy with barcode '" + abbreviate(barcode) + "'"));
        return new BarcodeAnswer(barcode, view, work);
    }

    /**
     * {@code GET /api/catalog/callnumber?library=长治市图书馆&q=K29}: the library's copies whose call number starts
     * with {@code q} (case, width and spaces ignored), in call-number order.
     */
    @GetMapping("/api/catalog/callnumber")
    public CallNumberAnswer callNumber(@RequestParam("library") String library, @RequestParam("q") String q,
            @RequestParam(name = "size", defaultValue = "50") int size) {
        if (library.isBlank() || q.isBlank()) {
            throw new InvalidQueryException("library and q must not be blank; got: library='" + abbreviate(library)
                    + "', q='" + abbreviate(q) + "'");
        }
        if (size < 1 || size > 100) {
            throw new InvalidQueryException("size must be between 1 and 100; got: " + size);
        }
        checkLength("q", q);
        String prefix = org.shangdang.indexer.IndexFields.callNumberKey(q);
        List<Shelved> copies = index.lookup(Lookup.callNumberPrefix(library, q, Lookup.MAX_LIMIT)).stream()
                .flatMap(record -> record.holdings().stream()
                        .filter(h -> h.library().strip().equals(library.strip()))
                        .filter(h -> h.callNumber().map(org.shangdang.indexer.IndexFields::callNumberKey)
                                .filter(c -> c.startsWith(prefix)).isPresent())
                        .map(h -> Shelved.of(record, h)))
                .sorted(Comparator.comparing((Shelved s) -> s.callNumber().orElse(""))
                        .thenComparing(s -> s.barcode().orElse("")))
                .toList();
        return new CallNumberAnswer(library.strip(), q, copies.size(), copies.stream().limit(size).toList());
    }

    /**
     * The ISBN-13 of a typed ISBN.
     *
     * @throws InvalidQueryException naming the value when it is no ISBN-10 or ISBN-13 with a valid check digit
     */
    public static String parseIsbn(String typed) {
        checkLength("isbn", typed);
        return Isbns.isbn13(typed).orElseThrow(() -> new InvalidQueryException("not a valid ISBN-10 or ISBN-13"
                + " (check digit included): '" + abbreviate(typed) + "'"));
    }

    /**
     * The record and copy with this barcode.
     *
     * @throws NotFoundException when no copy has it
     */
    public static CopyFound findCopy(SearchIndex index, String barcode) {
        checkLength("barcode", barcode);
        String key = org.shangdang.indexer.IndexFields.barcodeKey(barcode);
        if (key.isEmpty()) {
            throw new InvalidQueryException("barcode must not be blank");
        }
        for (CanonicalRecord record : index.lookup(Lookup.barcode(barcode, 10))) {
            for (Holding holding : record.holdings()) {
                if (holding.barcode().map(org.shangdang.indexer.IndexFields::barcodeKey).filter(key::equals).isPresent()) {
                    return new CopyFound(key, record, holding);
                }
            }
        }
        throw new NotFoundException("no copy with barcode '" + abbreviate(barcode) + "'");
    }

    /** The works of these records, each merged once, in the order of their work ids. */
    private List<CatalogWork> worksOf(List<CanonicalRecord> records) {
        return records.stream().map(CanonicalRecord::workIdOrSelf).distinct().sorted().limit(MAX_WORKS_PER_ISBN)
                .map(works::members).filter(m -> !m.isEmpty()).map(works::merge).toList();
    }

    private static String marcxml(CatalogWork work, List<CanonicalRecord> records) {
        CanonicalRecord best = records.stream().filter(r -> r.id().equals(work.best())).findFirst().orElseThrow();
        List<Holding> holdings = records.stream().flatMap(r -> r.holdings().stream()).toList();
        CanonicalRecord merged = work.asRecord(best, holdings);
        MarcXmlRecord marc = Marc21FromCanonical.build(merged, records.stream().map(CanonicalRecord::datestamp)
                .max(Comparator.naturalOrder()).orElse(best.datestamp()));
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = Xml.writer(out);
            xml.writeStartDocument("UTF-8", "1.0");
            marc.write(xml, MarcXmlRecord.SchemaLocation.DECLARED);
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write work " + work.id() + " as MARCXML", e);
        }
        return out.toString();
    }

    private static void checkLength(String name, String value) {
        if (value.length() > MAX_KEY_LENGTH) {
            throw new InvalidQueryException(name + " must be at most " + MAX_KEY_LENGTH + " characters; got: "
                    + value.length());
        }
    }

    static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }

    /** A copy found by its barcode: the normalised barcode, the record listing it and the copy. */
    public record CopyFound(String key, CanonicalRecord record, Holding holding) {}

    /**
     * @param query the ISBN as typed
     * @param isbn its ISBN-13
     * @param works the works with it (more than one when a multi-volume set shares it)
     */
    public record IsbnAnswer(String query, String isbn, List<CatalogWork> works) {}

    /**
     * @param query the barcode as typed
     * @param copy the copy: library, branch, call number, live status
     * @param work the work it is a copy of
     */
    public record BarcodeAnswer(String query, CatalogWork.HoldingView copy, CatalogWork work) {}

    /**
     * @param total matching copies (of at most {@link Lookup#MAX_LIMIT} records)
     * @param copies the first {@code size} of them, in call-number order
     */
    public record CallNumberAnswer(String library, String query, int total, List<Shelved> copies) {}

    /** A copy on a library's shelf, with the work it belongs to. */
    public record Shelved(Optional<String> callNumber, Optional<String> barcode, Optional<String> branch, String record,
            String work, String title, Optional<Integer> year) {

        static Shelved of(CanonicalRecord record, Holding h) {
            return new Shelved(h.callNumber(), h.barcode(), h.location(), record.id(), record.workIdOrSelf(),
                    record.title(), record.year());
        }
    }
}
