package org.shangdang.api.availability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.shangdang.connectors.availability.AvailabilityClient;
import org.shangdang.connectors.availability.AvailabilityStatus;
import org.shangdang.connectors.availability.CopyAvailability;
import org.shangdang.indexer.RecordHoldings;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Holding;
import org.springframework.stereotype.Component;

/**
 * The live status of records' copies: one request per library to its ILS (through {@link AvailabilityClient}, which
 * caches, times out and degrades), the copies of a library without a configured endpoint or without a barcode being
 * {@code unknown} with the reason. Never throws for a library that is down or slow. Thread-safe.
 */
@Component
public class AvailabilityLookup {

    private final AvailabilityClient client;
    private final AvailabilityProperties properties;

    public AvailabilityLookup(AvailabilityClient client, AvailabilityProperties properties) {
        this.client = Objects.requireNonNull(client, "client");
        this.properties = Objects.requireNonNull(properties, "properties");
    }

    /** Every copy of the records, library by library in the order met, each with its live status. */
    public List<Copy> copies(List<CanonicalRecord> records) {
        return copiesOf(records.stream().map(RecordHoldings::of).toList());
    }

    /** Every copy of the records' holdings, library by library in the order met, each with its live status. */
    public List<Copy> copiesOf(List<RecordHoldings> records) {
        Map<String, List<Holding>> byLibrary = new LinkedHashMap<>();
        // By identity: two records may list equal holdings (a library name and nothing else).
        Map<Holding, String> recordOf = new IdentityHashMap<>();
        for (RecordHoldings record : records) {
            for (Holding holding : record.holdings()) {
                byLibrary.computeIfAbsent(holding.library(), l -> new ArrayList<>()).add(holding);
                recordOf.put(holding, record.id());
            }
        }
        List<Copy> copies = new ArrayList<>();
        byLibrary.forEach((library, holdings) -> copies.addAll(lookUp(library, holdings, recordOf)));
        return copies;
    }

    /**
     * The copies with those in this place first: its branch or service point, then the other copies of the
     * libraries that have a copy there (a terminal's own library), then the rest, each group in its order.
     */
    public static List<Copy> placeFirst(List<Copy> copies, String place) {
        String at = place.strip();
        List<String> librariesThere = copies.stream().filter(c -> c.isAt(at)).map(Copy::library).distinct().toList();
        List<Copy> sorted = new ArrayList<>(copies);
        sorted.sort(Comparator.comparingInt(c -> c.isAt(at) ? 0 : librariesThere.contains(c.library()) ? 1 : 2));
        return sorted;
    }

    /** The JSON word of a status: {@code available}, {@code on_loan}, … */
    static String statusWord(AvailabilityStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    private List<Copy> lookUp(String library, List<Holding> holdings, Map<Holding, String> recordOf) {
        Optional<String> libraryId = properties.endpoints().stream().filter(e -> e.library().equals(library))
                .map(AvailabilityProperties.Endpoint::libraryId).findFirst();
        List<String> barcodes = holdings.stream().flatMap(h -> h.barcode().stream()).toList();
        Map<String, CopyAvailability> answers = libraryId.isPresent() && !barcodes.isEmpty()
                ? client.lookup(libraryId.get(), barcodes) : Map.of();
        List<Copy> copies = new ArrayList<>();
        for (Holding holding : holdings) {
            Optional<CopyAvailability> answer = holding.barcode().map(String::strip).map(answers::get);
            String why = libraryId.isEmpty() ? "no availability service configured for " + library
                    : "the copy has no barcode";
            copies.add(new Copy(recordOf.get(holding), holding.library(), holding.location(), holding.callNumber(),
                    holding.barcode(), answer.map(a -> statusWord(a.status())).orElse(Copy.UNKNOWN),
                    answer.flatMap(CopyAvailability::dueDate), answer.flatMap(CopyAvailability::servicePoint),
                    answer.isPresent() ? answer.get().detail() : Optional.of(why),
                    answer.map(CopyAvailability::checkedAt)));
        }
        return copies;
    }
}
