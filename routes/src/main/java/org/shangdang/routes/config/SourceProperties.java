package org.shangdang.routes.config;

import java.net.URI;
import java.text.ParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.quartz.CronExpression;
import java.time.Duration;
import java.nio.file.Path;
import org.shangdang.connectors.extract.Script;
import org.shangdang.connectors.iiif.IiifSource;
import org.shangdang.connectors.oaipmh.OaiPmhSource;
import org.shangdang.connectors.sru.SruQuery;
import org.shangdang.connectors.sru.SruSource;
import org.shangdang.connectors.sru.SruVersion;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.SourceInfo;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * One source to harvest ({@code shangdang.sources[]}). The constructor validates it and fails with a
 * message that names the source and the property, so that a bad configuration stops start-up.
 *
 * @param id stable id, lower-case letters, digits and '-', e.g. {@code changzhi-city}; part of every record id; required
 * @param name display name, e.g. {@code 长治市图书馆 OAI-PMH}; defaults to the id
 * @param library the institution whose catalogue this is, e.g. {@code 长治市图书馆}; required
 * @param county the county or district it serves, e.g. {@code 长子县}; blank or absent for the city level
 * @param protocol how it is harvested: {@code oaipmh} (the default), {@code sru}, {@code filedrop}, {@code iiif} or
 *     {@code documents}
 * @param oaipmh the OAI-PMH settings; required when the protocol is {@code oaipmh}
 * @param sru the SRU settings; required when the protocol is {@code sru}
 * @param filedrop the file-drop settings; required when the protocol is {@code filedrop}
 * @param iiif the IIIF collections and manifests; required when the protocol is {@code iiif}
 * @param documents the watched directory of digitized files; required when the protocol is {@code documents}
 * @param schedule a Quartz cron expression for incremental harvests, e.g. {@code 0 0 2 * * ?}; absent: on demand only
 * @param enabled {@code false} keeps the source configured but never harvested; defaults to {@code true}
 */
public record SourceProperties(
        String id,
        String name,
        String library,
        String county,
        @DefaultValue("OAIPMH") Protocol protocol,
        OaiPmhProperties oaipmh,
        SruProperties sru,
        FileDropProperties filedrop,
        IiifProperties iiif,
        DocumentsProperties documents,
        String schedule,
        @DefaultValue("true") boolean enabled) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");
    /** The ledger of a documents source unless configured elsewhere: a hidden file, so never read as a document. */
    static final String DOCUMENTS_LEDGER = ".shangdang-extracted";

    @ConstructorBinding
    public SourceProperties {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("shangdang.sources[].id is required; got a source without one"
                    + " (library=" + library + ")");
        }
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("source '" + id + "': shangdang.sources[].id must be lower-case letters,"
                    + " digits and '-' (at most 100); got: " + id);
        }
        name = isBlank(name) ? id : name.strip();
        if (isBlank(library)) {
            throw new IllegalArgumentException("source '" + id + "': shangdang.sources[].library is required");
        }
        county = isBlank(county) ? "" : county.strip();
        if (protocol == null) {
            throw new IllegalArgumentException("source '" + id + "': shangdang.sources[].protocol is required");
        }
        schedule = isBlank(schedule) ? "" : schedule.strip();
        if (!schedule.isEmpty()) {
            try {
                CronExpression.validateExpression(schedule);
            } catch (ParseException e) {
                throw new IllegalArgumentException("source '" + id + "': shangdang.sources[].schedule is not a Quartz"
                        + " cron expression (" + e.getMessage() + "); got: " + schedule);
            }
        }
        switch (protocol) {
            case OAIPMH -> oaipmh = validated(id, oaipmh);
            case SRU -> sru = validated(id, sru);
            case FILEDROP -> filedrop = validated(id, filedrop);
            case IIIF -> iiif = validated(id, iiif);
            case DOCUMENTS -> documents = validated(id, documents);
        }
    }

    /** A source harvested over OAI-PMH or with its other settings absent (the shape before SRU and file drops). */
    public SourceProperties(String id, String name, String library, String county, Protocol protocol,
            OaiPmhProperties oaipmh, String schedule, boolean enabled) {
        this(id, name, library, county, protocol, oaipmh, null, null, null, null, schedule, enabled);
    }

    /** What a crosswalk needs to know about this source. */
    public SourceInfo sourceInfo() {
        return new SourceInfo(id, name, library, county.isEmpty() ? Optional.empty() : Optional.of(county));
    }

    /** The cron expression of scheduled harvests; empty when harvested on demand only. */
    public Optional<String> cron() {
        return schedule.isEmpty() ? Optional.empty() : Optional.of(schedule);
    }

    /**
     * The connector's view of this source.
     *
     * @throws IllegalStateException if the protocol is not OAI-PMH
     */
    public OaiPmhSource oaiPmhSource() {
        if (protocol != Protocol.OAIPMH) {
            throw new IllegalStateException("source '" + id + "' is harvested by " + protocol + ", not OAI-PMH");
        }
        return new OaiPmhSource(id, oaipmh.baseUrl(), oaipmh.metadataPrefix(),
                isBlank(oaipmh.set()) ? Optional.empty() : Optional.of(oaipmh.set().strip()), oaipmh.format());
    }

    /**
     * The connector's view of this source.
     *
     * @throws IllegalStateException if the protocol is not SRU
     */
    public SruSource sruSource() {
        if (protocol != Protocol.SRU) {
            throw new IllegalStateException("source '" + id + "' is harvested by " + protocol + ", not SRU");
        }
        return SruSource.of(id, sru.baseUrl(), sruVersion(sru.version()).orElseThrow(), sru.recordSchema());
    }

    /**
     * The SRU query of this source, starting at a 1-based record position.
     *
     * @throws IllegalStateException if the protocol is not SRU
     */
    public SruQuery sruQuery(int startRecord) {
        if (protocol != Protocol.SRU) {
            throw new IllegalStateException("source '" + id + "' is harvested by " + protocol + ", not SRU");
        }
        return new SruQuery(sru.query(), startRecord, sru.maximumRecords());
    }

    private static SruProperties validated(String id, SruProperties sru) {
        String where = "source '" + id + "': shangdang.sources[].sru.";
        if (sru == null || sru.baseUrl() == null) {
            throw new IllegalArgumentException(where + "base-url is required for protocol sru");
        }
        URI baseUrl = sru.baseUrl();
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!baseUrl.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException(where + "base-url must be an absolute http(s) URL; got: " + baseUrl);
        }
        String version = isBlank(sru.version()) ? "1.2" : sru.version().strip();
        if (sruVersion(version).isEmpty()) {
            throw new IllegalArgumentException(where + "version must be 1.2 or 2.0; got: " + version);
        }
        String schema = isBlank(sru.recordSchema()) ? "marcxml" : sru.recordSchema().strip();
        if (SruSource.formatOf(schema).isEmpty()) {
            throw new IllegalArgumentException(where + "record-schema must be a MARC or Dublin Core schema"
                    + " (marcxml, cnmarcxml, unimarcxml, dc or their info:srw URIs); got: " + schema);
        }
        String query = isBlank(sru.query()) ? "cql.allRecords=1" : sru.query().strip();
        if (sru.maximumRecords() < 1 || sru.maximumRecords() > 1000) {
            throw new IllegalArgumentException(where + "maximum-records must be between 1 and 1000; got: "
                    + sru.maximumRecords());
        }
        return new SruProperties(baseUrl, version, schema, query, sru.maximumRecords());
    }

    private static Optional<SruVersion> sruVersion(String label) {
        for (SruVersion v : SruVersion.values()) {
            if (v.label().equals(label)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    private static FileDropProperties validated(String id, FileDropProperties filedrop) {
        String where = "source '" + id + "': shangdang.sources[].filedrop.";
        if (filedrop == null || filedrop.inbox() == null) {
            throw new IllegalArgumentException(where + "inbox is required for protocol filedrop");
        }
        Duration quiet = filedrop.quietPeriod() == null ? Duration.ofSeconds(30) : filedrop.quietPeriod();
        if (quiet.isNegative()) {
            throw new IllegalArgumentException(where + "quiet-period must not be negative; got: " + quiet);
        }
        return new FileDropProperties(filedrop.inbox(), quiet);
    }

    /**
     * The connector's view of this source.
     *
     * @throws IllegalStateException if the protocol is not IIIF
     */
    public IiifSource iiifSource() {
        if (protocol != Protocol.IIIF) {
            throw new IllegalStateException("source '" + id + "' is harvested by " + protocol + ", not IIIF");
        }
        return new IiifSource(id, iiif.collections(), iiif.manifests(), iiif.maxDepth());
    }

    private static IiifProperties validated(String id, IiifProperties iiif) {
        String where = "source '" + id + "': shangdang.sources[].iiif.";
        if (iiif == null || (iiif.collections().isEmpty() && iiif.manifests().isEmpty())) {
            throw new IllegalArgumentException(where + "collections or manifests is required for protocol iiif");
        }
        for (URI url : iiif.collections()) {
            requireHttpUrl(where + "collections", url);
        }
        for (URI url : iiif.manifests()) {
            requireHttpUrl(where + "manifests", url);
        }
        if (iiif.maxDepth() < 0 || iiif.maxDepth() > 20) {
            throw new IllegalArgumentException(where + "max-depth must be between 0 and 20; got: " + iiif.maxDepth());
        }
        return iiif;
    }

    private static void requireHttpUrl(String property, URI url) {
        String scheme = url == null || url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (url == null || !url.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException(property + " must hold absolute http(s) URLs; got: " + url);
        }
    }

    private static DocumentsProperties validated(String id, DocumentsProperties documents) {
        String where = "source '" + id + "': shangdang.sources[].documents.";
        if (documents == null || documents.directory() == null) {
            throw new IllegalArgumentException(where + "directory is required for protocol documents");
        }
        Path ledger = documents.ledger() != null ? documents.ledger()
                : documents.directory().resolve(DOCUMENTS_LEDGER);
        Script script = documents.script() == null ? Script.UNKNOWN : documents.script();
        if (documents.workers() < 1 || documents.workers() > 16) {
            throw new IllegalArgumentException(where + "workers must be between 1 and 16; got: " + documents.workers());
        }
        DataSize maxFileSize = documents.maxFileSize() == null ? DataSize.ofMegabytes(100) : documents.maxFileSize();
        if (maxFileSize.toBytes() < 1) {
            throw new IllegalArgumentException(where + "max-file-size must be positive; got: " + maxFileSize);
        }
        Duration timeout = documents.timeout() == null ? Duration.ofSeconds(120) : documents.timeout();
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(where + "timeout must be positive; got: " + timeout);
        }
        DataSize heap = documents.childHeap() == null ? DataSize.ofMegabytes(512) : documents.childHeap();
        if (heap.toMegabytes() < 64) {
            throw new IllegalArgumentException(where + "child-heap must be at least 64MB; got: " + heap);
        }
        String tesseract = isBlank(documents.tesseract()) ? "tesseract" : documents.tesseract().strip();
        return new DocumentsProperties(documents.directory(), ledger, script, documents.workers(), maxFileSize, timeout,
                heap, tesseract);
    }

    private static OaiPmhProperties validated(String id, OaiPmhProperties oaipmh) {
        String where = "source '" + id + "': shangdang.sources[].oaipmh.";
        if (oaipmh == null || oaipmh.baseUrl() == null) {
            throw new IllegalArgumentException(where + "base-url is required for protocol oaipmh");
        }
        URI baseUrl = oaipmh.baseUrl();
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!baseUrl.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException(where + "base-url must be an absolute http(s) URL; got: " + baseUrl);
        }
        String prefix = isBlank(oaipmh.metadataPrefix()) ? "oai_dc" : oaipmh.metadataPrefix().strip();
        RecordFormat format = oaipmh.format() != null ? oaipmh.format()
                : OaiPmhSource.formatOf(prefix).orElseThrow(() -> new IllegalArgumentException(where
                        + "format is required for metadata-prefix " + prefix + " (marcxml or oai_dc)"));
        return new OaiPmhProperties(baseUrl, prefix, oaipmh.set(), format);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
