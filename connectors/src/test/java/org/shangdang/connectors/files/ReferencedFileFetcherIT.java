package org.shangdang.connectors.files;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shangdang.record.MediaLink;

/** The fetcher against WireMock and a local file root: its limits, type check, redirects and redaction. */
class ReferencedFileFetcherIT {

    private static final FileFetchLimits LIMITS = new FileFetchLimits(64 * 1024, 8 * 1024, Duration.ofSeconds(2),
            Duration.ofSeconds(3), Duration.ofSeconds(10), 2);
    private static WireMockServer server;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(get(urlPathEqualTo("/login")).willReturn(aResponse().withHeader("Content-Type", "text/html")
                .withBody("<html><body>请登录</body></html>")));
        for (int i = 0; i < 5; i++) {
            server.stubFor(get(urlPathEqualTo("/hop" + i)).willReturn(aResponse().withStatus(302)
                    .withHeader("Location", "/hop" + (i + 1))));
        }
        server.stubFor(get(urlPathEqualTo("/moved.pdf")).willReturn(aResponse().withStatus(301)
                .withHeader("Location", "/files/a.pdf")));
        server.stubFor(get(urlPathEqualTo("/files/a.pdf")).willReturn(aResponse()
                .withHeader("Content-Type", "application/pdf").withHeader("ETag", "\"a1\"").withBody("%PDF-1.4 tiny")));
        server.stubFor(get(urlPathEqualTo("/media/long.mp3")).willReturn(aResponse()
                .withHeader("Content-Type", "audio/mpeg").withHeader("Content-Length", String.valueOf(100 * 1024))
                .withBody(new byte[100 * 1024])));
        server.stubFor(get(urlPathEqualTo("/slow.pdf")).willReturn(aResponse()
                .withHeader("Content-Type", "application/pdf").withBody(new byte[2048]).withFixedDelay(6000)));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private FileFetch fetch(MediaLink.Kind kind, String url) {
        return new ReferencedFileFetcher(LIMITS, Optional.of(temp.resolve("root"))).fetch(MediaLink.of(kind, url),
                Optional.empty(), temp);
    }

    @Test
    void anHtmlPageServedForAPdfIsRefusedForItsContentType() {
        assertThat(fetch(MediaLink.Kind.PDF, server.baseUrl() + "/login")).isInstanceOfSatisfying(FileFetch.Refused.class,
                r -> {
                    assertThat(r.reason()).isEqualTo("CONTENT_TYPE");
                    assertThat(r.detail()).contains("/login", "text/html");
                });
    }

    @Test
    void redirectsAreFollowedUpToTheLimitAndNoFurther() {
        assertThat(fetch(MediaLink.Kind.PDF, server.baseUrl() + "/moved.pdf"))
                .isInstanceOfSatisfying(FileFetch.Fetched.class, f -> {
                    assertThat(f.validators().etag()).contains("\"a1\"");
                    assertThat(f.extent()).isEqualTo(FileFetch.Extent.WHOLE);
                });
        assertThat(fetch(MediaLink.Kind.PDF, server.baseUrl() + "/hop0"))
                .isInstanceOfSatisfying(FileFetch.Refused.class, r -> assertThat(r.reason()).isEqualTo("REDIRECTS"));
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/hop3")))).isEmpty();
    }

    @Test
    void ofAnAudioFileOnlyThePrefixIsRead() throws IOException {
        FileFetch fetch = fetch(MediaLink.Kind.AUDIO, server.baseUrl() + "/media/long.mp3");

        assertThat(fetch).isInstanceOfSatisfying(FileFetch.Fetched.class, f -> {
            assertThat(f.extent()).isEqualTo(FileFetch.Extent.PREFIX);
            assertThat(f.validators().bytes()).contains(100L * 1024);
        });
        assertThat(Files.size(((FileFetch.Fetched) fetch).file())).isEqualTo(8 * 1024);
    }

    @Test
    void aServerThatDoesNotAnswerInTimeIsATimeout() {
        assertThat(fetch(MediaLink.Kind.PDF, server.baseUrl() + "/slow.pdf"))
                .isInstanceOfSatisfying(FileFetch.Refused.class, r -> assertThat(r.reason()).isEqualTo("TIMEOUT"));
    }

    @Test
    void credentialsAndSignedQueriesNeverAppearInAReason() {
        FileFetch withUser = fetch(MediaLink.Kind.PDF, "http://reader:s3cret@127.0.0.1:" + server.port() + "/files/a.pdf");
        FileFetch signed = fetch(MediaLink.Kind.PDF, server.baseUrl() + "/login?token=s3cret");

        assertThat(withUser).isInstanceOfSatisfying(FileFetch.Refused.class, r -> {
            assertThat(r.reason()).isEqualTo("BAD_URL");
            assertThat(r.detail()).doesNotContain("s3cret");
        });
        assertThat(signed).isInstanceOfSatisfying(FileFetch.Refused.class,
                r -> assertThat(r.detail()).doesNotContain("s3cret").contains("/login"));
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/files/a.pdf")))
                .stream().filter(r -> r.containsHeader("Authorization"))).isEmpty();
    }

    @Test
    void fileLinksAreReadOnlyInsideTheFileRoot() throws IOException {
        Path root = Files.createDirectories(temp.resolve("root"));
        Path inside = Files.writeString(root.resolve("ocr.txt"), "潞安府志 卷一");
        Path outside = Files.writeString(temp.resolve("secret.txt"), "not for records");

        assertThat(fetch(MediaLink.Kind.OCR_TEXT, inside.toUri().toString()))
                .isInstanceOfSatisfying(FileFetch.Fetched.class, f -> assertThat(f.file()).isNotEqualTo(inside));
        assertThat(fetch(MediaLink.Kind.OCR_TEXT, outside.toUri().toString()))
                .isInstanceOfSatisfying(FileFetch.Refused.class, r -> assertThat(r.reason()).isEqualTo("BAD_URL"));
        assertThat(fetch(MediaLink.Kind.OCR_TEXT, root.resolve("../secret.txt").toUri().toString()))
                .isInstanceOf(FileFetch.Refused.class);
    }

    @Test
    void aDocumentAboveTheLimitIsRefusedAndNothingIsLeftBehind() throws IOException {
        server.stubFor(get(urlPathEqualTo("/big.pdf")).willReturn(aResponse()
                .withHeader("Content-Type", "application/pdf").withBody(new byte[65 * 1024])));

        assertThat(fetch(MediaLink.Kind.PDF, server.baseUrl() + "/big.pdf"))
                .isInstanceOfSatisfying(FileFetch.Refused.class, r -> assertThat(r.reason()).isEqualTo("TOO_LARGE"));
        try (var left = Files.list(temp)) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith("referenced-"))).isEmpty();
        }
    }
}
