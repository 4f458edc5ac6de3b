package org.shangdang.routes;

import java.net.http.HttpClient;
import java.time.Clock;
import javax.sql.DataSource;
import org.apache.camel.ProducerTemplate;
import org.shangdang.connectors.Crosswalks;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.routes.cloud.CloudHarvestRoutes;
import org.shangdang.routes.cloud.CloudPager;
import org.shangdang.routes.cluster.WorkClusters;
import org.shangdang.indexer.enrich.EnrichmentVocabulary;
import org.shangdang.indexer.enrich.RecordEnricher;
import org.shangdang.routes.config.EnrichmentProperties;
import org.shangdang.routes.breaker.SourceCircuits;
import org.shangdang.routes.config.CircuitBreakerProperties;
import org.shangdang.routes.config.HarvestProperties;
import org.shangdang.routes.config.SecretLookup;
import org.shangdang.routes.config.SourcesProperties;
import org.shangdang.routes.harvest.Checkpointer;
import org.shangdang.routes.harvest.IndexWriter;
import org.shangdang.routes.harvest.JobTracker;
import org.shangdang.routes.harvest.RawRecordWriter;
import org.shangdang.routes.harvest.RecordCrosswalker;
import org.shangdang.routes.jdbc.JdbcHarvestRoutes;
import org.shangdang.routes.jdbc.JdbcPager;
import org.shangdang.routes.http.SourceHttp;
import org.shangdang.routes.oaipmh.OaiPmhHarvestRoutes;
import org.shangdang.routes.oaipmh.OaiPmhPager;
import org.shangdang.routes.sru.SruHarvestRoutes;
import org.shangdang.routes.sru.SruPager;
import org.shangdang.routes.filedrop.FileDropHarvestRoutes;
import org.shangdang.routes.filedrop.FileDropPager;
import org.shangdang.routes.iiif.IiifHarvestRoutes;
import org.shangdang.routes.iiif.IiifPager;
import org.shangdang.routes.documents.DocumentsHarvestRoutes;
import org.shangdang.routes.documents.DocumentsPager;
import org.shangdang.routes.reindex.ReindexJob;
import org.shangdang.routes.config.ReferencedFilesProperties;
import org.shangdang.routes.files.ReferencedFileStore;
import org.shangdang.routes.files.ReferencedFiles;
import org.shangdang.routes.store.CircuitStore;
import org.shangdang.routes.store.RecordStore;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;

/**
 * Wires the record store and the harvest routes into any Spring Boot application that has this module
 * on its class path (registered in {@code META-INF/spring/…AutoConfiguration.imports}).
 *
 * <p>The application must provide a {@link DataSource} (Boot's auto-configuration from
 * {@code spring.datasource.*}; Flyway runs {@code db/migration} on it) and a {@link SearchIndex} bean; it
 * may provide its own {@link RecordStore} or {@link Crosswalks}.
 * With H2 the URL must set {@code MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE}.
 */
@AutoConfiguration
@EnableConfigurationProperties({SourcesProperties.class, HarvestProperties.class, EnrichmentProperties.class,
        CircuitBreakerProperties.class, ReferencedFilesProperties.class})
public class RoutesAutoConfiguration {

    /** Name of the HTTP client sources are harvested with. */
    public static final String HTTP_CLIENT = "harvestHttpClient";
    /** Raw records a re-index reads and writes at a time: one bulk request's worth. */
    static final int REINDEX_BATCH_SIZE = 500;

    @Bean
    @ConditionalOnMissingBean
    @DependsOnDatabaseInitialization
    public RecordStore recordStore(DataSource dataSource) {
        return new RecordStore(dataSource);
    }

    /** The enrichment every crosswalked record goes through: the configured vocabulary, else the built-in one. */
    @Bean
    @ConditionalOnMissingBean
    public RecordEnricher recordEnricher(EnrichmentProperties enrichment) {
        return new RecordEnricher(enrichment.vocabularyFile().map(EnrichmentVocabulary::load)
                .orElseGet(EnrichmentVocabulary::builtIn));
    }

    @Bean
    @ConditionalOnMissingBean
    public Crosswalks crosswalks(RecordEnricher enricher, ReferencedFiles referencedFiles) {
        // Files' text and media metadata first, so enrichment (places, themes) sees them too.
        return Crosswalks.standard().enrichedBy(referencedFiles::attach).enrichedBy(enricher::enrich);
    }

    /** The files records reference: fetched for the opted-in sources, attached by every crosswalk. */
    @Bean(ReferencedFiles.BEAN)
    @DependsOnDatabaseInitialization
    public ReferencedFiles referencedFiles(ReferencedFilesProperties files, DataSource dataSource, RecordStore store) {
        return new ReferencedFiles(files, new ReferencedFileStore(dataSource), store, Clock.systemUTC());
    }

    @Bean(HTTP_CLIENT)
    public HttpClient harvestHttpClient(HarvestProperties harvest) {
        return HttpClient.newBuilder()
                .connectTimeout(harvest.http().connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    @Bean(SourceCircuits.BEAN)
    @ConditionalOnMissingBean
    @DependsOnDatabaseInitialization
    public SourceCircuits sourceCircuits(DataSource dataSource, CircuitBreakerProperties circuitBreaker) {
        return new SourceCircuits(new CircuitStore(dataSource), circuitBreaker, Clock.systemUTC());
    }

    @Bean(JobTracker.BEAN)
    public JobTracker harvestJobTracker(SourcesProperties sources, RecordStore store, SourceCircuits circuits) {
        return new JobTracker(sources, store, java.util.Optional.of(circuits));
    }

    /**
     * Each source's HTTP client: its throttle and its credentials, read from the environment here, at start-up.
     * Tests may provide their own (with a map for the environment).
     */
    @Bean
    @ConditionalOnMissingBean
    public SourceHttp sourceHttp(@Qualifier(HTTP_CLIENT) HttpClient http, SourcesProperties sources) {
        return new SourceHttp(http, sources, System::getenv);
    }

    @Bean(OaiPmhPager.BEAN)
    public OaiPmhPager oaiPmhPager(HarvestProperties harvest, SourceHttp http) {
        return new OaiPmhPager(harvest.retry().policy(), http, harvest.http().requestTimeout());
    }

    @Bean(SruPager.BEAN)
    public SruPager sruPager(HarvestProperties harvest, SourceHttp http) {
        return new SruPager(harvest.retry().policy(), http);
    }

    /** Secrets of the sources (cloud client credentials): the process environment, unless the application has its own. */
    @Bean
    @ConditionalOnMissingBean
    public SecretLookup secretLookup() {
        return SecretLookup.environment();
    }

    @Bean(CloudPager.BEAN)
    public CloudPager cloudPager(HarvestProperties harvest, @Qualifier(HTTP_CLIENT) HttpClient http, SecretLookup secrets) {
        return new CloudPager(harvest.retry().policy(), http, secrets);
    }

    @Bean(FileDropPager.BEAN)
    public FileDropPager fileDropPager(RecordStore store) {
        return new FileDropPager(store, Clock.systemUTC());
    }

    @Bean(JdbcPager.BEAN)
    public JdbcPager jdbcPager() {
        return new JdbcPager();
    }

    @Bean(IiifPager.BEAN)
    public IiifPager iiifPager(@Qualifier(HTTP_CLIENT) HttpClient http, RecordStore store) {
        return new IiifPager(http, store, Clock.systemUTC());
    }

    @Bean(DocumentsPager.BEAN)
    public DocumentsPager documentsPager(RecordStore store) {
        return new DocumentsPager(store, Clock.systemUTC());
    }

    @Bean(RawRecordWriter.BEAN)
    public RawRecordWriter rawRecordWriter(RecordStore store) {
        return new RawRecordWriter(store);
    }

    @Bean(RecordCrosswalker.BEAN)
    public RecordCrosswalker recordCrosswalker(Crosswalks crosswalks, RecordStore store) {
        return new RecordCrosswalker(crosswalks, store);
    }

    @Bean(IndexWriter.BEAN)
    public IndexWriter harvestIndexWriter(SearchIndex index, RecordStore store, HarvestProperties harvest,
            WorkClusters works) {
        return new IndexWriter(index, store, harvest.pageCommitEvery(), harvest.indexUnavailable(), works);
    }

    @Bean
    @ConditionalOnMissingBean
    public WorkClusters workClusters(RecordStore store, Crosswalks crosswalks, SourcesProperties sources) {
        return new WorkClusters(store, crosswalks, sources);
    }

    @Bean(Checkpointer.BEAN)
    public Checkpointer harvestCheckpointer(RecordStore store) {
        return new Checkpointer(store);
    }

    @Bean
    public OaiPmhHarvestRoutes oaiPmhHarvestRoutes(SourcesProperties sources, HarvestProperties harvest) {
        return new OaiPmhHarvestRoutes(sources.sources(), harvest.scheduleTimeZone());
    }

    @Bean
    public SruHarvestRoutes sruHarvestRoutes(SourcesProperties sources, HarvestProperties harvest) {
        return new SruHarvestRoutes(sources.sources(), harvest.scheduleTimeZone());
    }

    @Bean
    public FileDropHarvestRoutes fileDropHarvestRoutes(SourcesProperties sources, HarvestProperties harvest) {
        return new FileDropHarvestRoutes(sources.sources(), harvest.scheduleTimeZone());
    }

    @Bean
    public CloudHarvestRoutes cloudHarvestRoutes(SourcesProperties sources, HarvestProperties harvest) {
        return new CloudHarvestRoutes(sources.sources(), harvest.scheduleTimeZone());
    }

    @Bean
    public JdbcHarvestRoutes jdbcHarvestRoutes(SourcesProperties sources, HarvestProperties harvest) {
        return new JdbcHarvestRoutes(sources.sources(), harvest.scheduleTimeZone());
    }

    @Bean
    public IiifHarvestRoutes iiifHarvestRoutes(SourcesProperties sources, HarvestProperties harvest) {
        return new IiifHarvestRoutes(sources.sources(), harvest.scheduleTimeZone());
    }

    @Bean
    public DocumentsHarvestRoutes documentsHarvestRoutes(SourcesProperties sources, HarvestProperties harvest) {
        return new DocumentsHarvestRoutes(sources.sources(), harvest.scheduleTimeZone());
    }

    @Bean
    @ConditionalOnMissingBean
    @DependsOnDatabaseInitialization
    public ReindexJob reindexJob(SearchIndex index, RecordStore store, Crosswalks crosswalks, SourcesProperties sources,
            JobTracker tracker, WorkClusters works) {
        return new ReindexJob(index, store, crosswalks, sources, tracker, REINDEX_BATCH_SIZE, works);
    }

    @Bean
    @DependsOnDatabaseInitialization
    public HarvestJobs harvestJobs(ProducerTemplate producer, SourcesProperties sources, HarvestProperties harvest,
            RecordStore store, JobTracker tracker) {
        return new HarvestJobs(producer, sources, harvest, store, tracker);
    }
}
