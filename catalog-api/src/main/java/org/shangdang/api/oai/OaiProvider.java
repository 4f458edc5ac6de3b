package org.shangdang.api.oai;

import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.shangdang.api.oai.OaiError.Code;
import org.shangdang.connectors.Crosswalks;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.RawRecord;
import org.shangdang.record.SourceInfo;
import org.shangdang.routes.config.SourceProperties;
import org.shangdang.routes.config.SourcesProperties;
import org.shangdang.routes.store.ChangeFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OAI-PMH 2.0 repository: answers the six verbs from the record store's {@link ChangeFeed}.
 *
 * <ul>
 *   <li>Items are the published raw records (see {@link ChangeFeed}); identifiers
 *       {@code oai:<repositoryIdentifier>:<sourceId>:<recordId>}, i.e. {@code oai:…:} and the canonical id.
 *   <li>Datestamps are when OUR copy changed, at second granularity; {@code from}/{@code until} take a day or
 *       a second and are inclusive.
 *   <li>Formats: {@code oai_dc} and {@code marcxml} (MARC 21) for every item, see {@link Dissemination}.
 *   <li>Sets: see {@link OaiSets}.
 *   <li>Deleted records: persistent, as headers with {@code status="deleted"}.
 *   <li>Lists page {@code pageSize} items at a time with a stateless {@link ResumptionToken}: the list's upper
 *       bound is fixed at its first request and paging is by key, so concurrent ingestion never duplicates or
 *       skips an unchanged item; an item changed meanwhile leaves this list and is in the next incremental
 *       harvest ({@code from} = this list's responseDate). Tokens carry {@code expirationDate},
 *       {@code completeListSize} (counted at the first request, when the set can be counted in the database:
 *       not for kind and theme sets) and {@code cursor}.
 *   <li>A record whose latest harvest was rejected, or that the crosswalk no longer reads, is not published, so
 *       the present items are exactly the searchable records.
 * </ul>
 *
 * <p>Memory: one page of items (at most {@code pageSize + 1} rows) is held at a time. Thread-safe.
 */
public final class OaiProvider {

    public static final String OAI = "http://www.openarchives.org/OAI/2.0/";
    private static final String OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd";

    /** The metadata formats, every one available for every item. */
    static final Map<String, String[]> FORMATS = Map.of(
            "oai_dc", new String[] {DublinCoreRecord.OAI_DC_SCHEMA, DublinCoreRecord.OAI_DC},
            "marcxml", new String[] {MarcXmlRecord.SCHEMA, MarcXmlRecord.NAMESPACE});
    private static final List<String> FORMAT_ORDER = List.of("oai_dc", "marcxml");

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern SECOND = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    private static final Logger LOG = LoggerFactory.getLogger(OaiProvider.class);

    private static final Map<String, Set<String>> ARGUMENTS = Map.of(
            "Identify", Set.of(),
            "ListMetadataFormats", Set.of("identifier"),
            "ListSets", Set.of("resumptionToken"),
            "GetRecord", Set.of("identifier", "metadataPrefix"),
            "ListIdentifiers", Set.of("metadataPrefix", "from", "until", "set", "resumptionToken"),
            "ListRecords", Set.of("metadataPrefix", "from", "until", "set", "resumptionToken"));

    private final ChangeFeed feed;
    private final Crosswalks crosswalks;
    private final SourcesProperties sources;
    private final OaiSets sets;
    private final OaiProperties properties;
    private final Clock clock;
    private final String identifierPrefix;

    public OaiProvider(ChangeFeed feed, Crosswalks crosswalks, SourcesProperties sources, OaiProperties properties,
            Clock clock) {
        this.feed = Objects.requireNonNull(feed, "feed");
        this.crosswalks = Objects.requireNonNull(crosswalks, "crosswalks");
        this.sources = Objects.requireNonNull(sources, "sources");
        this.properties = Objects.requireNonNull(properties, "properties");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sets = new OaiSets(sources, properties.themes());
        this.identifierPrefix = "oai:" + properties.repositoryIdentifier() + ":";
    }

    /** The OAI identifier of a record. */
    public String identifier(String sourceId, String recordId) {
        return identifierPrefix + CanonicalRecord.idOf(sourceId, recordId);
    }

    /**
     * Answers one request, as a complete OAI-PMH document written to {@code out} (which is not closed).
     *
     * @param parameters the request's parameters (GET query or POST form), each name with its values
     * @param baseUrl the base URL to echo in {@code <request>} and Identify
     */
    public void respond(Map<String, String[]> parameters, String baseUrl, OutputStream out) throws XMLStreamException {
        Instant now = clock.instant();
        Map<String, String> args = new LinkedHashMap<>();
        Body body;
        try {
            body = answer(parameters, args, now, baseUrl);
        } catch (OaiError e) {
            Map<String, String> echoed = e.requestIsInvalid() ? Map.of() : args;
            write(out, now, baseUrl, echoed, w -> {
                w.writeStartElement("", "error", OAI);
                w.writeAttribute("code", e.code().name());
                w.writeCharacters(Xml.clean(e.getMessage()));
                w.writeEndElement();
            });
            return;
        }
        write(out, now, baseUrl, args, body);
    }

    private Body answer(Map<String, String[]> parameters, Map<String, String> args, Instant now, String baseUrl) {
        String[] verbs = parameters.get("verb");
        if (verbs == null || verbs.length == 0) {
            throw new OaiError(Code.badVerb, "the verb argument is missing");
        }
        if (verbs.length > 1) {
            throw new OaiError(Code.badVerb, "the verb argument is repeated: " + String.join(", ", verbs));
        }
        String verb = verbs[0];
        Set<String> allowed = ARGUMENTS.get(verb);
        if (allowed == null) {
            throw new OaiError(Code.badVerb, "illegal verb: " + verb);
        }
        for (Map.Entry<String, String[]> p : parameters.entrySet()) {
            if (p.getKey().equals("verb")) {
                continue;
            }
            if (!allowed.contains(p.getKey())) {
                throw new OaiError(Code.badArgument, "illegal argument for " + verb + ": " + p.getKey());
            }
            if (p.getValue().length != 1) {
                throw new OaiError(Code.badArgument, "the argument " + p.getKey() + " is repeated");
            }
        }
        args.put("verb", verb);
        parameters.forEach((name, values) -> {
            if (!name.equals("verb")) {
                args.put(name, values[0]);
            }
        });
        return switch (verb) {
            case "Identify" -> identify(baseUrl);
            case "ListMetadataFormats" -> listMetadataFormats(args);
            case "ListSets" -> listSets(args);
            case "GetRecord" -> getRecord(args);
            default -> list(verb, args, now);
        };
    }

    private Body identify(String baseUrl) {
        Instant earliest = feed.earliestChange().orElse(clock.instant());
        return w -> {
            w.writeStartElement("", "Identify", OAI);
            element(w, "repositoryName", properties.repositoryName());
            element(w, "baseURL", baseUrl);
            element(w, "protocolVersion", "2.0");
            element(w, "adminEmail", properties.adminEmail());
            element(w, "earliestDatestamp", SECONDS.format(earliest));
            element(w, "deletedRecord", "persistent");
            element(w, "granularity", "YYYY-MM-DDThh:mm:ssZ");
            w.writeEndElement();
        };
    }

    private Body listMetadataFormats(Map<String, String> args) {
        if (args.containsKey("identifier")) {
            item(args.get("identifier"));
        }
        return w -> {
            w.writeStartElement("", "ListMetadataFormats", OAI);
            for (String prefix : FORMAT_ORDER) {
                w.writeStartElement("", "metadataFormat", OAI);
                element(w, "metadataPrefix", prefix);
                element(w, "schema", FORMATS.get(prefix)[0]);
                element(w, "metadataNamespace", FORMATS.get(prefix)[1]);
                w.writeEndElement();
            }
            w.writeEndElement();
        };
    }

    private Body listSets(Map<String, String> args) {
        if (args.containsKey("resumptionToken")) {
            throw new OaiError(Code.badResumptionToken, "ListSets is never split, so no resumption token is valid: "
                    + args.get("resumptionToken"));
        }
        List<OaiSets.OaiSet> all = sets.all();
        return w -> {
            w.writeStartElement("", "ListSets", OAI);
            for (OaiSets.OaiSet set : all) {
                w.writeStartElement("", "set", OAI);
                element(w, "setSpec", set.spec());
                element(w, "setName", set.name());
                w.writeEndElement();
            }
            w.writeEndElement();
        };
    }

    private Body getRecord(Map<String, String> args) {
        String identifier = required(args, "identifier");
        String prefix = prefix(required(args, "metadataPrefix"));
        Item item = item(identifier);
        return w -> {
            w.writeStartElement("", "GetRecord", OAI);
            writeItem(w, item, Optional.of(prefix));
            w.writeEndElement();
        };
    }

    private Body list(String verb, Map<String, String> args, Instant now) {
        ListState state = args.containsKey("resumptionToken") ? resume(verb, args, now) : start(verb, args, now);
        Page page = page(state);
        if (page.items().isEmpty()) {
            throw new OaiError(Code.noRecordsMatch, state.cursor() == 0
                    ? "no records match the arguments"
                    : "no more records: the rest of the list changed after it was started; harvest again from the"
                            + " list's first responseDate");
        }
        Optional<String> prefix = verb.equals("ListRecords") ? Optional.of(state.metadataPrefix()) : Optional.empty();
        long nextCursor = state.cursor() + page.items().size();
        Instant expires = now.plus(properties.tokenLifetime()).truncatedTo(ChronoUnit.SECONDS);
        return w -> {
            w.writeStartElement("", verb, OAI);
            for (Item item : page.items()) {
                writeItem(w, item, prefix);
            }
            if (page.next().isPresent() || state.cursor() > 0) {
                w.writeStartElement("", "resumptionToken", OAI);
                if (page.next().isPresent()) {
                    w.writeAttribute("expirationDate", SECONDS.format(expires));
                }
                if (state.completeListSize().isPresent()) {
                    w.writeAttribute("completeListSize", String.valueOf(state.completeListSize().getAsLong()));
                }
                w.writeAttribute("cursor", String.valueOf(state.cursor()));
                if (page.next().isPresent()) {
                    ResumptionToken token = new ResumptionToken(verb, state.metadataPrefix(), state.set(), state.from(),
                            state.before(), state.upTo(), page.next().get(), nextCursor, state.completeListSize(), now);
                    w.writeCharacters(token.encode());
                }
                w.writeEndElement();
            }
            w.writeEndElement();
        };
    }

    private ListState start(String verb, Map<String, String> args, Instant now) {
        String prefix = prefix(required(args, "metadataPrefix"));
        Optional<Instant> from = Optional.empty();
        Optional<Instant> before = Optional.empty();
        Optional<Boolean> fromIsDay = Optional.empty();
        if (args.containsKey("from")) {
            String value = args.get("from");
            boolean day = isDay("from", value);
            from = Optional.of(day ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value));
            fromIsDay = Optional.of(day);
        }
        if (args.containsKey("until")) {
            String value = args.get("until");
            boolean day = isDay("until", value);
            if (fromIsDay.isPresent() && fromIsDay.get() != day) {
                throw new OaiError(Code.badArgument, "from and until must have the same granularity; got: from="
                        + args.get("from") + ", until=" + value);
            }
            Instant until = day ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
            if (from.isPresent() && from.get().isAfter(until)) {
                throw new OaiError(Code.badArgument, "from must not be later than until; got: from=" + args.get("from")
                        + ", until=" + value);
            }
            before = Optional.of(until.plus(1, day ? ChronoUnit.DAYS : ChronoUnit.SECONDS));
        }
        Optional<String> set = Optional.ofNullable(args.get("set"));
        Optional<OaiSets.Selection> selection = set.map(s -> sets.resolve(s)
                .orElseThrow(() -> new OaiError(Code.badArgument, "no such set: " + s + " (see ListSets)")));
        Instant upTo = now.truncatedTo(ChronoUnit.MICROS);
        ListState state = new ListState(verb, prefix, set, selection, from, before, upTo, Optional.empty(), 0,
                OptionalLong.empty());
        boolean countable = selection.isEmpty() || selection.get() instanceof OaiSets.BySources;
        return countable ? state.withSize(OptionalLong.of(feed.count(window(state)))) : state;
    }

    private ListState resume(String verb, Map<String, String> args, Instant now) {
        if (args.size() != 2) {
            throw new OaiError(Code.badArgument, "resumptionToken is an exclusive argument: nothing but the verb may"
                    + " come with it");
        }
        String text = args.get("resumptionToken");
        ResumptionToken token = ResumptionToken.decode(text)
                .orElseThrow(() -> new OaiError(Code.badResumptionToken, "not a resumption token of this repository,"
                        + " or damaged: " + abbreviate(text)));
        if (!token.verb().equals(verb)) {
            throw new OaiError(Code.badResumptionToken, "this resumption token continues " + token.verb()
                    + ", not " + verb);
        }
        Instant expiry = token.issuedAt().plus(properties.tokenLifetime());
        if (now.isAfter(expiry.plusSeconds(1))) {
            throw new OaiError(Code.badResumptionToken, "the resumption token expired at " + SECONDS.format(expiry)
                    + "; start the list again");
        }
        Optional<OaiSets.Selection> selection = token.set().map(s -> sets.resolve(s)
                .orElseThrow(() -> new OaiError(Code.badResumptionToken, "the token's set no longer exists: " + s)));
        return new ListState(verb, token.metadataPrefix(), token.set(), selection, token.from(), token.before(),
                token.upTo(), Optional.of(token.after()), token.cursor(), token.completeListSize());
    }

    /**
     * Reads rows after the state's position until {@code pageSize + 1} items are found or the list ends: the
     * extra item proves that the next page is not empty, and the next page starts after the last item sent.
     */
    private Page page(ListState state) {
        int pageSize = properties.pageSize();
        ChangeFeed.Window window = window(state);
        List<Item> items = new ArrayList<>();
        Optional<ChangeFeed.Position> position = state.after();
        boolean more = true;
        while (more && items.size() <= pageSize) {
            List<ChangeFeed.Change> rows = feed.page(window, position, pageSize + 1);
            more = rows.size() == pageSize + 1;
            for (ChangeFeed.Change row : rows) {
                position = Optional.of(row.position());
                Optional<Item> item = resolve(row);
                if (item.isPresent() && inSelection(state, item.get())) {
                    items.add(item.get());
                    if (items.size() > pageSize) {
                        break;
                    }
                }
            }
        }
        if (items.size() > pageSize) {
            List<Item> sent = List.copyOf(items.subList(0, pageSize));
            return new Page(sent, Optional.of(sent.get(pageSize - 1).change().position()));
        }
        return new Page(items, Optional.empty());
    }

    private static boolean inSelection(ListState state, Item item) {
        return state.selection().map(s -> OaiSets.contains(s, item.canonical())).orElse(true);
    }

    private static ChangeFeed.Window window(ListState state) {
        List<String> sourceIds = state.selection().filter(s -> s instanceof OaiSets.BySources)
                .map(s -> ((OaiSets.BySources) s).sourceIds()).orElse(List.of());
        return new ChangeFeed.Window(state.from(), state.before(), state.upTo(), sourceIds);
    }

    /** The published item with this identifier. */
    private Item item(String identifier) {
        Optional<String> canonicalId = identifier.startsWith(identifierPrefix)
                ? Optional.of(identifier.substring(identifierPrefix.length())) : Optional.empty();
        int colon = canonicalId.map(id -> id.indexOf(':')).orElse(-1);
        if (colon <= 0) {
            throw new OaiError(Code.idDoesNotExist, "not an identifier of this repository (" + identifierPrefix
                    + "<source>:<record>): " + identifier);
        }
        String id = canonicalId.get();
        return feed.get(id.substring(0, colon), id.substring(colon + 1)).flatMap(this::resolve)
                .orElseThrow(() -> new OaiError(Code.idDoesNotExist, "no such item: " + identifier));
    }

    /** The item for a row; empty when a present record cannot be crosswalked (it is then not published). */
    private Optional<Item> resolve(ChangeFeed.Change change) {
        RawRecord raw = change.raw();
        if (raw.isDeleted()) {
            return Optional.of(new Item(change, Optional.empty(), sets.specsOf(raw.sourceId(), Optional.empty())));
        }
        try {
            CanonicalRecord canonical = crosswalks.map(raw, sourceInfo(raw.sourceId()));
            return Optional.of(new Item(change, Optional.of(canonical), sets.specsOf(raw.sourceId(), Optional.of(canonical))));
        } catch (Exception e) {
            LOG.debug("OAI-PMH: record {} not published, its crosswalk fails: {}", raw.canonicalId(), e.getMessage());
            return Optional.empty();
        }
    }

    private SourceInfo sourceInfo(String sourceId) {
        // A source removed from the configuration keeps its stored records; they are served under its id.
        return sources.source(sourceId).map(SourceProperties::sourceInfo)
                .orElseGet(() -> new SourceInfo(sourceId, sourceId, sourceId, Optional.empty()));
    }

    private void writeItem(XMLStreamWriter w, Item item, Optional<String> prefix) throws XMLStreamException {
        RawRecord raw = item.change().raw();
        if (prefix.isPresent()) {
            w.writeStartElement("", "record", OAI);
        }
        w.writeStartElement("", "header", OAI);
        if (raw.isDeleted()) {
            w.writeAttribute("status", "deleted");
        }
        element(w, "identifier", identifier(raw.sourceId(), raw.recordId()));
        element(w, "datestamp", SECONDS.format(item.change().changedAt()));
        for (String spec : item.specs()) {
            element(w, "setSpec", spec);
        }
        w.writeEndElement();
        if (prefix.isPresent()) {
            if (item.canonical().isPresent()) {
                CanonicalRecord canonical = item.canonical().get();
                w.writeStartElement("", "metadata", OAI);
                if (prefix.get().equals("oai_dc")) {
                    Dissemination.dublinCore(raw, canonical).writeOaiDc(w);
                } else {
                    Dissemination.marc21(raw, canonical, item.change().changedAt())
                            .write(w, MarcXmlRecord.SchemaLocation.DECLARED);
                }
                w.writeEndElement();
            }
            w.writeEndElement();
        }
    }

    private void write(OutputStream out, Instant now, String baseUrl, Map<String, String> args, Body body)
            throws XMLStreamException {
        XMLStreamWriter w = Xml.writer(out);
        w.writeStartDocument("UTF-8", "1.0");
        w.setDefaultNamespace(OAI);
        w.writeStartElement("", "OAI-PMH", OAI);
        w.writeDefaultNamespace(OAI);
        w.writeNamespace("xsi", Xml.XSI);
        w.writeAttribute("xsi", Xml.XSI, "schemaLocation", OAI + " " + OAI_SCHEMA);
        element(w, "responseDate", SECONDS.format(now));
        w.writeStartElement("", "request", OAI);
        for (Map.Entry<String, String> arg : args.entrySet()) {
            w.writeAttribute(arg.getKey(), Xml.clean(arg.getValue()));
        }
        w.writeCharacters(baseUrl);
        w.writeEndElement();
        body.write(w);
        w.writeEndElement();
        w.writeEndDocument();
        w.flush();
        w.close();
    }

    private static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement("", name, OAI);
        w.writeCharacters(Xml.clean(text));
        w.writeEndElement();
    }

    private static String required(Map<String, String> args, String name) {
        String value = args.get(name);
        if (value == null || value.isEmpty()) {
            throw new OaiError(Code.badArgument, "the argument " + name + " is required for " + args.get("verb"));
        }
        return value;
    }

    private static String prefix(String prefix) {
        if (!FORMATS.containsKey(prefix)) {
            throw new OaiError(Code.cannotDisseminateFormat, "metadataPrefix " + prefix + " is not supported; use"
                    + " oai_dc or marcxml");
        }
        return prefix;
    }

    private static boolean isDay(String name, String value) {
        try {
            if (DAY.matcher(value).matches()) {
                LocalDate.parse(value);
                return true;
            }
            if (SECOND.matcher(value).matches()) {
                Instant.parse(value);
                return false;
            }
        } catch (DateTimeParseException e) {
            throw new OaiError(Code.badArgument, name + " is not a valid date: " + value);
        }
        throw new OaiError(Code.badArgument, name + " must be YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ; got: " + value);
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }

    /** A response body, computed before anything is written so an error never leaves half a document. */
    @FunctionalInterface
    private interface Body {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private record Item(ChangeFeed.Change change, Optional<CanonicalRecord> canonical, List<String> specs) {}

    private record Page(List<Item> items, Optional<ChangeFeed.Position> next) {}

    private record ListState(String verb, String metadataPrefix, Optional<String> set,
            Optional<OaiSets.Selection> selection, Optional<Instant> from, Optional<Instant> before, Instant upTo,
            Optional<ChangeFeed.Position> after, long cursor, OptionalLong completeListSize) {

        ListState withSize(OptionalLong size) {
            return new ListState(verb, metadataPrefix, set, selection, from, before, upTo, after, cursor, size);
        }
    }
}
