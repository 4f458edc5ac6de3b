package org.shangdang.routes.sourcefaults;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.shangdang.fixtures.generate.city.CityCatalog;
import org.shangdang.fixtures.generate.city.CityCorpus;
import org.shangdang.fixtures.generate.city.CityOaiServer;
import org.shangdang.record.CanonicalRecord;

/**
 * The ListRecords pages of a generated city catalogue ({@link CityCatalog}, built-in corpus), as the fixtures'
 * {@link CityOaiServer} writes them, fetched once so that a WireMock server can serve them with faults in between.
 * The same size, seed and page size always give the same records, ids and tokens.
 *
 * @param pages the pages in list order; the first is asked for without a token
 * @param canonicalIds the canonical id of every record of the catalogue, under {@code sourceId}
 */
record CityPages(List<Page> pages, List<String> canonicalIds) {

    /** Seed of the catalogue the fault tests harvest. */
    static final long SEED = CityCatalog.DEFAULT_SEED;

    private static final Pattern TOKEN = Pattern.compile("<resumptionToken[^>]*>([^<]+)</resumptionToken>");

    /**
     * One page.
     *
     * @param token the resumption token that asks for it; empty for the first page
     * @param body the OAI-PMH response, UTF-8
     */
    record Page(Optional<String> token, String body) {
    }

    /** The pages of a catalogue of {@code size} records, {@code pageSize} records a page. */
    static CityPages generate(String sourceId, int size, int pageSize) {
        CityCatalog catalog = new CityCatalog(size, SEED, CityCorpus.builtIn());
        List<Page> pages = new ArrayList<>();
        try (CityOaiServer server = CityOaiServer.start(catalog, pageSize)) {
            HttpClient http = HttpClient.newHttpClient();
            Optional<String> token = Optional.empty();
            do {
                String query = token.map(t -> "verb=ListRecords&resumptionToken=" + URLEncoder.encode(t, StandardCharsets.UTF_8))
                        .orElse("verb=ListRecords&metadataPrefix=" + CityOaiServer.METADATA_PREFIX);
                String body = get(http, URI.create(server.baseUrl() + "?" + query));
                pages.add(new Page(token, body));
                Matcher next = TOKEN.matcher(body);
                token = next.find() ? Optional.of(next.group(1)) : Optional.empty();
            } while (token.isPresent());
        }
        List<String> ids = catalog.records()
                .map(r -> CanonicalRecord.idOf(sourceId, CityOaiServer.IDENTIFIER_PREFIX + r.localId()))
                .toList();
        return new CityPages(List.copyOf(pages), ids);
    }

    private static String get(HttpClient http, URI url) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new IllegalStateException("city OAI server answered HTTP " + response.statusCode() + " to " + url);
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("cannot fetch " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted fetching " + url, e);
        }
    }
}
