package org.shangdang.routes.config;

import java.net.URI;
import java.text.ParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.quartz.CronExpression;
import java.time.Duration;
import java.nio.file.Path;
import org.shangdang.connectors.cloud.CloudCredentials;
import org.shangdang.connectors.cloud.CloudSource;
import org.shangdang.connectors.extract.Script;
import org.shangdang.connectors.iiif.IiifSource;
import org.shangdang.connectors.oaipmh.OaiPmhSource;
import org.shangdang.connectors.opera.OperaDatabase;
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
 * @param protocol how it is harvested: {@code oaipmh} (the default), {@code sru}, {@code filedrop}, {@code cloud},
 *     {@code jdbc}, {@code iiif} or {@code documents}
 * @param oaipmh the OAI-PMH settings; required when the protocol is {@code oaipmh}
 * @param sru the SRU settings; required when the protocol is {@code sru}
 * @param filedrop the file-drop settings; required when the protocol is {@code filedrop}
 * @param cloud the culture-cloud API settings; required when the protocol is {@code cloud}
 * @param jdbc the database settings; required when the protocol is {@code jdbc}
 * @param iiif the IIIF collections and manifests; required when the protocol is {@code iiif}
 * @param documents the watched directory of digitized files; required when the protocol is {@code documents}
 * @param schedule a Quartz cron expression for incremental harvests, e.g. {@code 0 0 2 * * ?}; absent: on demand only
 * @param enabled {@code false} keeps the source configured but never harvested; defaults to {@code true}
 * @param throttle at most this many requests per second to the source (OAI-PMH and SRU; retries and Identify
 *     included), e.g. {@code 2} or {@code 0.5}; {@code 0} (the default) for no limit; not for file drops
 * @param credentials how the source authenticates, from environment variables only; absent for none
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
        CloudProperties cloud,
        JdbcProperties jdbc,
        IiifProperties iiif,
        DocumentsProperties documents,
        String schedule,
        @DefaultValue("true") boolean enabled,
        @DefaultValue("0") double throttle,
        SourceCredentials credentials) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");
    /** More than any library server should be asked for; a typo like 1000 instead of 1.0 is caught. */
    public static final double MAX_THROTTLE = 100;
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
            case CLOUD -> cloud = CloudProperties.validated(id, cloud);
            case JDBC -> jdbc = validated(id, jdbc);
            case IIIF -> iiif = validated(id, iiif);
            case DOCUMENTS -> documents = validated(id, documents);
        }
        if (Double.isNaN(throttle) || throttle < 0 || throttle > MAX_THROTTLE) {
            throw new IllegalArgumentException("source '" + id + "': shangdang.sources[].throttle must be between 0"
                    + " (no limit) and " + MAX_THROTTLE + " requests per second; got: " + throttle);
        }
        if (protocol == Protocol.FILEDROP && throttle > 0) {
            throw new IllegalArgumentException("source '" + id + "': shangdang.sources[].throttle does not apply to"
                    + " protocol filedrop, which makes no requests; remove it; got: " + throttle);
        }
        if (credentials != null) {
            if (protocol == Protocol.FILEDROP) {
                throw new IllegalArgumentException("source '" + id + "': shangdang.sources[].credentials do not apply"
                        + " to protocol filedrop, which makes no requests; remove them");
            }
            credentials = credentials.validated(id);
        }
    }

    /** A source without throttle or credentials (the shape before they were configurable). */
    public SourceProperties(String id, String name, String library, String county, Protocol protocol,
            OaiPmhProperties oaipmh, SruProperties sru, FileDropProperties filedrop, String schedule, boolean enabled) {
        this(id, name, library, county, protocol, oaipmh, sru, filedrop, null, null, null, null, schedule, enabled, 0,
                null);
    }

    /** The most requests per second this source may be sent; empty for no limit. */
    public java.util.OptionalDouble requestsPerSecond() {
        return throttle > 0 ? java.util.OptionalDouble.of(throttle) : java.util.OptionalDouble.empty();
    }

    /** How the source authenticates; empty for not at all. */
    public Optional<SourceCredentials> sourceCredentials() {
        return Optional.ofNullable(credentials);
    }

    /** A source harvested over OAI-PMH or with its other settings absent (the shape before SRU and file drops). */
    public SourceProperties(String id, String name, String library, String county, Protocol protocol,
            OaiPmhProperties oaipmh, String schedule, boolean enabled) {
        this(id, name, library, county, protocol, oaipmh, null, null, null, null, null, null, schedule, enabled, 0,
                null);
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

    /**
     * The connector's view of this source, with the credentials read from where {@link #cloud()} says.
     *
     * @throws IllegalStateException if the protocol is not {@code cloud}
     */
    public CloudSource cloudSource(CloudCredentials credentials) {
        if (protocol != Protocol.CLOUD) {
            throw new IllegalStateException("source '" + id + "' is harvested by " + protocol + ", not a culture cloud API");
        }
        return new CloudSource(id, cloud.platform(), cloud.baseUrl(), credentials, cloud.pageSize());
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
        refuseUserInfo(where, baseUrl);
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

    /**
     * The connector's view of this source, with the credentials read from the environment variables the
     * configuration names.
     *
     * @throws IllegalStateException if the protocol is not JDBC, or a named environment variable is not set
     */
    public OperaDatabase operaDatabase() {
        if (protocol != Protocol.JDBC) {
            throw new IllegalStateException("source '" + id + "' is harvested by " + protocol + ", not JDBC");
        }
        return new OperaDatabase(id, jdbc.url(), fromEnvironment(jdbc.userEnv(), "user-env"),
                fromEnvironment(jdbc.passwordEnv(), "password-env"), jdbc.pageSize());
    }

    private Optional<String> fromEnvironment(String variable, String property) {
        if (isBlank(variable)) {
            return Optional.empty();
        }
        String value = System.getenv(variable.strip());
        if (value == null) {
            throw new IllegalStateException("source '" + id + "': shangdang.sources[].jdbc." + property
                    + " names the environment variable " + variable.strip() + ", which is not set");
        }
        return Optional.of(value);
    }

    private static JdbcProperties validated(String id, JdbcProperties jdbc) {
        String where = "source '" + id + "': shangdang.sources[].jdbc.";
        if (jdbc == null || isBlank(jdbc.url())) {
            throw new IllegalArgumentException(where + "url is required for protocol jdbc");
        }
        String url = jdbc.url().strip();
        if (!url.startsWith("jdbc:")) {
            throw new IllegalArgumentException(where + "url must be a JDBC URL (jdbc:…); got: " + url);
        }
        if (url.toLowerCase(Locale.ROOT).contains("password=")) {
            throw new IllegalArgumentException(where + "url must not hold a password; name an environment variable"
                    + " in password-env instead");
        }
        if (jdbc.pageSize() < 1 || jdbc.pageSize() > 1000) {
            throw new IllegalArgumentException(where + "page-size must be between 1 and 1000; got: " + jdbc.pageSize());
        }
        return new JdbcProperties(url, jdbc.userEnv(), jdbc.passwordEnv(), jdbc.pageSize());
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
        if (!(iiif.maxDeletedShare() >= 0 && iiif.maxDeletedShare() <= 1)) {
            throw new IllegalArgumentException(where + "max-deleted-share must be between 0 and 1; got: "
                    + iiif.maxDeletedShare());
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
        refuseUserInfo(where, baseUrl);
        String prefix = isBlank(oaipmh.metadataPrefix()) ? "oai_dc" : oaipmh.metadataPrefix().strip();
        RecordFormat format = oaipmh.format() != null ? oaipmh.format()
                : OaiPmhSource.formatOf(prefix).orElseThrow(() -> new IllegalArgumentException(where
                        + "format is required for metadata-prefix " + prefix + " (marcxml or oai_dc)"));
        return new OaiPmhProperties(baseUrl, prefix, oaipmh.set(), format);
    }

    /** A user and password in the URL would be logged with every request URL: they belong in credentials. */
    private static void refuseUserInfo(String where, URI baseUrl) {
        if (baseUrl.getRawUserInfo() != null) {
            throw new IllegalArgumentException(where + "base-url must not carry a user or password (not repeated here);"
                    + " configure shangdang.sources[].credentials with environment variables instead; host: "
                    + baseUrl.getHost());
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
