package org.shangdang.api.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.shangdang.api.admin.ApiClient;
import org.shangdang.fixtures.FixtureScenario;
import org.shangdang.fixtures.FixtureSources;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The staff dashboard ({@code /admin/}) in a real headless Chromium against the running application. 长治市图书馆's
 * fixture source sits behind a proxy that answers every page 1.5 s late, so a harvest lasts several seconds and its
 * progress can be watched; 长子县图书馆 is served directly; a third source, 武乡县图书馆, answers every request with
 * HTTP 500. The browser logs in with the staff user's HTTP Basic credentials, as a librarian does in the browser's
 * own dialog. Screenshots go to {@code target/dashboard-screenshots}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StaffDashboardBrowserIT {

    private static final String CITY = FixtureScenario.CHANGZHI_CITY;
    private static final String COUNTY = FixtureScenario.ZHANGZI_COUNTY;
    private static final String BROKEN = "wuxiang-county";
    private static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");
    private static final Duration HARVEST_TIMEOUT = Duration.ofMinutes(2);

    private static FixtureSources fixtures;
    private static WireMockServer slowProxy;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        fixtures = FixtureSources.start(0);
        slowProxy = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        slowProxy.start();
        slowProxy.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(fixtures.baseUrl().toString())
                .withFixedDelay(1500)));
        slowProxy.stubFor(any(urlPathMatching("/" + BROKEN + "/.*")).atPriority(1)
                .willReturn(aResponse().withStatus(500).withBody("internal error")));
        String dataDir = Files.createTempDirectory("shangdang-dashboard").toString();
        String proxy = "http://127.0.0.1:" + slowProxy.port();
        registry.add("shangdang.data-dir", () -> dataDir);
        registry.add("shangdang.harvest.retry.initial-delay", () -> "10ms");
        registry.add("shangdang.harvest.retry.max-attempts", () -> "2");
        registry.add("shangdang.sources[0].id", () -> CITY);
        registry.add("shangdang.sources[0].name", () -> "长治市图书馆 OAI-PMH");
        registry.add("shangdang.sources[0].library", () -> "长治市图书馆");
        registry.add("shangdang.sources[0].oaipmh.base-url", () -> proxy + "/" + CITY + "/oai");
        registry.add("shangdang.sources[0].oaipmh.metadata-prefix", () -> "marcxml");
        registry.add("shangdang.sources[1].id", () -> COUNTY);
        registry.add("shangdang.sources[1].name", () -> "长子县图书馆 OAI-PMH");
        registry.add("shangdang.sources[1].library", () -> "长子县图书馆");
        registry.add("shangdang.sources[1].county", () -> "长子县");
        registry.add("shangdang.sources[1].oaipmh.base-url", () -> fixtures.oaiEndpoint(COUNTY).toString());
        registry.add("shangdang.sources[1].oaipmh.metadata-prefix", () -> "oai_dc");
        registry.add("shangdang.sources[2].id", () -> BROKEN);
        registry.add("shangdang.sources[2].name", () -> "武乡县图书馆 OAI-PMH");
        registry.add("shangdang.sources[2].library", () -> "武乡县图书馆");
        registry.add("shangdang.sources[2].county", () -> "武乡县");
        registry.add("shangdang.sources[2].oaipmh.base-url", () -> proxy + "/" + BROKEN + "/oai");
        registry.add("shangdang.sources[2].oaipmh.metadata-prefix", () -> "marcxml");
        for (String[] property : ApiClient.credentialProperties()) {
            registry.add(property[0], () -> property[1]);
        }
    }

    @LocalServerPort
    int port;

    private HeadlessChromium chromium;
    private ChromeDriver browser;
    private WebDriverWait wait;
    /** The full harvest of 长治市图书馆 started from the page. */
    private long cityJob;

    @BeforeAll
    void startChromium() {
        chromium = HeadlessChromium.start(new Dimension(1440, 1000), SCREENSHOTS);
        browser = chromium.driver();
        wait = chromium.waiting(Duration.ofSeconds(20));
    }

    @AfterAll
    void stop() {
        if (chromium != null) {
            chromium.close();
        }
        slowProxy.stop();
        fixtures.stop();
    }

    @Test
    @Order(1)
    void withoutCredentialsTheDashboardAnswers401WithABasicChallengeAndAPublicKeyGets403() throws Exception {
        ApiClient api = new ApiClient(port);
        for (String path : List.of("/admin", "/admin/", "/admin/index.html", "/admin/dashboard.js")) {
            // when the dashboard is asked for without a credential
            HttpResponse<String> anonymous = api.get(path);

            // then the browser is told to ask for a user name and password
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(anonymous.headers().allValues("WWW-Authenticate")).as(path)
                    .anyMatch(v -> v.startsWith("Basic realm=\"shangdang\""));
            assertThat(anonymous.body()).as(path).doesNotContain("采集管理");

            HttpResponse<String> withPublicKey = api.send(api.request(path).header("X-Api-Key", ApiClient.PUBLIC_KEY).GET());
            assertThat(withPublicKey.statusCode()).as(path).isEqualTo(403);
        }
        // and with the staff credential the page is there
        HttpResponse<String> staff = api.send(api.request("/admin/")
                .header("Authorization", ApiClient.basic(ApiClient.STAFF_USER, ApiClient.STAFF_PASSWORD)).GET());
        assertThat(staff.statusCode()).isEqualTo(200);
        assertThat(staff.body()).contains("采集管理").doesNotContain(ApiClient.STAFF_PASSWORD);
    }

    @Test
    @Order(2)
    void theDashboardListsEverySourceWithLibraryCountyProtocolAndHealth() {
        // when a librarian opens the dashboard with the staff user name and password
        openDashboard();

        // then every configured source is listed with its library, county, protocol and health
        wait.until(d -> d.findElements(By.cssSelector("#sources tbody tr")).size() == 3);
        assertThat(cell(CITY, ".source-name")).isEqualTo("长治市图书馆 OAI-PMH");
        assertThat(cell(CITY, ".library")).isEqualTo("长治市图书馆");
        assertThat(cell(CITY, ".county")).isEqualTo("市级");
        assertThat(cell(COUNTY, ".library")).isEqualTo("长子县图书馆");
        assertThat(cell(COUNTY, ".county")).isEqualTo("长子县");
        assertThat(cell(BROKEN, ".county")).isEqualTo("武乡县");
        assertThat(cell(CITY, ".protocol")).isEqualTo("OAI-PMH");
        for (String source : List.of(CITY, COUNTY, BROKEN)) {
            assertThat(cell(source, ".health")).as(source).isEqualTo("从未采集");
            assertThat(cell(source, ".last")).as(source).isEqualTo("—");
        }
        // and each has labelled start buttons, on a desktop page that does not scroll sideways
        WebElement full = sourceRow(CITY).findElement(By.cssSelector("button.start-full"));
        assertThat(full.getText()).isEqualTo("全量采集");
        assertThat(full.getAttribute("aria-label")).isEqualTo("全量采集 长治市图书馆 OAI-PMH");
        assertThat(((Number) chromium.script("return document.documentElement.scrollWidth")).longValue())
                .isLessThanOrEqualTo(((Number) chromium.script("return window.innerWidth")).longValue());
        assertThat(browser.findElement(By.id("running-empty")).isDisplayed()).isTrue();
        chromium.screenshot("sources");
    }

    @Test
    @Order(3)
    void aFullHarvestStartedFromThePageShowsAGrowingProgressBarAndEndsCompleted() {
        // given the dashboard, marked so that a reload would show
        openDashboard();
        wait.until(d -> !d.findElements(By.cssSelector("#sources tbody tr")).isEmpty());
        chromium.script("window.notReloaded = true");

        // when the librarian starts a full harvest of 长治市图书馆
        sourceRow(CITY).findElement(By.cssSelector("button.start-full")).click();

        // then its job appears among the running jobs, with a progress bar that grows while the pages come in
        WebElement job = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#running li.job[data-source='" + CITY + "']")));
        cityJob = Long.parseLong(job.getAttribute("data-job"));
        String progressId = job.findElement(By.tagName("progress")).getAttribute("id");
        assertThat(browser.findElement(By.cssSelector("label[for='" + progressId + "']")).getText()).isEqualTo("采集进度");
        List<Double> values = new ArrayList<>();
        List<String> stats = new ArrayList<>();
        long deadline = System.nanoTime() + HARVEST_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Observation> seen = observe(progressId);
            if (seen.isEmpty()) {
                break;
            }
            seen.get().value().filter(v -> values.isEmpty() || v > values.get(values.size() - 1)).ifPresent(v -> {
                values.add(v);
                stats.add(seen.get().stats());
                if (values.size() == 2) {
                    chromium.screenshot("running-job");
                }
            });
            sleep(150);
        }
        assertThat(values).as("distinct progress values seen while the job ran: %s", stats).hasSizeGreaterThanOrEqualTo(2);
        assertThat(values.get(0)).isLessThan(values.get(values.size() - 1));
        String listSize = String.valueOf(FixtureSources.changzhiCityListSize());
        assertThat(stats).allSatisfy(s -> assertThat(s).matches("已处理 [\\d,]+ / " + listSize + " 条（\\d+%） · 速率 [\\d.]+ 条/秒 · .*"));
        assertThat(stats.get(stats.size() - 1)).contains("预计剩余");

        // and once it ends the job shows as completed (完成), without the page having been reloaded
        chromium.waiting(HARVEST_TIMEOUT).until(d -> d.findElements(By.cssSelector("#jobs tr[data-job='" + cityJob
                + "'] .state")).stream().anyMatch(e -> e.isDisplayed() && e.getText().equals("完成")));
        wait.until(d -> cell(CITY, ".health").equals("正常"));
        assertThat(cell(CITY, ".last")).startsWith("#" + cityJob + " 全量 完成");
        assertThat(browser.findElements(By.cssSelector("#running li.job"))).isEmpty();
        assertThat(chromium.script("return window.notReloaded === true")).isEqualTo(true);
        assertThat(browser.findElement(By.cssSelector("#jobs tr[data-job='" + cityJob + "'] .counts")).getText())
                .startsWith(listSize + " / ");
        chromium.screenshot("completed");
    }

    @Test
    @Order(4)
    void theRejectsOfThatJobShowTheMalformedRecordWithItsReasonAndARawPayloadLink() throws Exception {
        // given the completed harvest of 长治市图书馆
        assertThat(cityJob).as("the harvest test ran first").isPositive();
        openDashboard();

        // when the librarian opens the job's rejects
        WebElement show = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#jobs tr[data-job='" + cityJob + "'] button.show-rejects")));
        show.click();

        // then the malformed record is listed with its source and the reason the API gives
        WebElement row = wait.until(d -> rejectRow(FixtureScenario.MALFORMED_RECORD_ID).orElse(null));
        JsonNode reject = rejectFromApi(FixtureScenario.MALFORMED_RECORD_ID);
        assertThat(row.findElement(By.cssSelector(".source")).getText()).isEqualTo("长治市图书馆 OAI-PMH");
        assertThat(row.findElement(By.cssSelector(".reason")).getText()).isNotBlank().isEqualTo(reject.get("reason").asString());
        assertThat(browser.findElement(By.id("rejects-title")).getText()).isEqualTo("任务 #" + cityJob + " 的拒收记录");
        assertThat(browser.getCurrentUrl()).endsWith("#rejects=" + cityJob);
        chromium.screenshot("rejects");

        // and its payload link opens the record exactly as the source served it
        WebElement link = row.findElement(By.cssSelector("a.payload-link"));
        assertThat(link.getText()).isEqualTo("查看（" + String.format(Locale.ROOT, "%,d", reject.get("payload_bytes").asInt()) + " 字节）");
        link.click();
        wait.until(ExpectedConditions.urlContains("/api/admin/rejects/"));
        assertThat(browser.getCurrentUrl()).endsWith(reject.get("payload").asString());
        wait.until(d -> d.getPageSource().contains("cz-000171"));
        assertThat(browser.getPageSource()).contains("controlfield").doesNotContain("unauthorized");
    }

    @Test
    @Order(5)
    void retryingTheRejectsFromThePageReportsTheMalformedRecordAsStillRejected() throws Exception {
        // given the rejects of the harvest, opened from a link to them
        assertThat(cityJob).as("the harvest test ran first").isPositive();
        browser.get(staffUrl("/admin/#rejects=" + cityJob));
        wait.until(d -> rejectRow(FixtureScenario.MALFORMED_RECORD_ID).isPresent());
        int rejects = browser.findElements(By.cssSelector("#rejects tbody tr")).size();

        // when the librarian asks for them to be processed again
        browser.findElement(By.id("rejects-retry")).click();

        // then the page reports that every one is still rejected (the crosswalk has not changed), and they stay listed
        WebElement message = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));
        wait.until(d -> message.getText().contains("重新处理"));
        assertThat(message.getText()).contains("重新处理任务 #" + cityJob + " 的 " + rejects + " 条拒收记录")
                .contains("入库 0 条").contains("仍被拒收 " + rejects + " 条");
        assertThat(rejectRow(FixtureScenario.MALFORMED_RECORD_ID)).isPresent();
    }

    @Test
    @Order(6)
    void theStopButtonStopsARunningHarvestAfterItsCurrentPage() {
        // given a full harvest of 长治市图书馆 started from the page
        openDashboard();
        WebElement start = wait.until(ExpectedConditions.elementToBeClickable(
                sourceRow(CITY).findElement(By.cssSelector("button.start-full"))));
        start.click();
        WebElement job = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#running li.job[data-source='" + CITY + "']")));
        long id = Long.parseLong(job.getAttribute("data-job"));
        assertThat(id).isNotEqualTo(cityJob);

        // when the librarian presses its stop button
        WebElement stop = job.findElement(By.cssSelector("button.stop"));
        assertThat(stop.getAttribute("aria-label")).isEqualTo("停止任务 #" + id);
        stop.click();

        // then the job ends stopped, and the source shows it
        chromium.waiting(HARVEST_TIMEOUT).until(d -> d.findElements(
                By.cssSelector("#jobs tr[data-job='" + id + "'] .state")).stream().anyMatch(e -> e.getText().equals("已停止")));
        wait.until(d -> cell(CITY, ".health").equals("已停止"));
        assertThat(browser.findElement(By.id("message")).getText()).contains("已请求停止任务 #" + id);
        assertThat(browser.findElements(By.cssSelector("#running li.job"))).isEmpty();
    }

    @Test
    @Order(7)
    void aSourceThatFailsIsListedUnderRecentFailuresWithItsLastError() {
        // given a source whose server answers every request with HTTP 500
        openDashboard();
        WebElement start = wait.until(ExpectedConditions.elementToBeClickable(
                sourceRow(BROKEN).findElement(By.cssSelector("button.start-incremental"))));

        // when the librarian harvests it
        start.click();

        // then the failed job is listed under the recent failures with its last error, and the source as failing
        WebElement failure = chromium.waiting(HARVEST_TIMEOUT).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#failures li.failure[data-source='" + BROKEN + "']")));
        assertThat(failure.findElement(By.cssSelector(".failure-title")).getText()).contains("武乡县图书馆 OAI-PMH")
                .contains("增量采集失败");
        assertThat(failure.findElement(By.cssSelector(".failure-error")).getText()).contains("500");
        wait.until(d -> cell(BROKEN, ".health").equals("失败"));
        assertThat(browser.findElement(By.id("failures-empty")).isDisplayed()).isFalse();
        chromium.screenshot("failures");
    }

    /** The progress bar's value (empty while it has none) and the stats beside it; empty once the job left the list. */
    private record Observation(Optional<Double> value, String stats) {}

    private Optional<Observation> observe(String progressId) {
        @SuppressWarnings("unchecked")
        List<Object> seen = (List<Object>) chromium.script("""
                const bar = document.getElementById(arguments[0]);
                if (!bar) return null;
                return [bar.getAttribute('value'), bar.closest('li').querySelector('.job-stats').textContent];
                """, progressId);
        if (seen == null) {
            return Optional.empty();
        }
        return Optional.of(new Observation(Optional.ofNullable((String) seen.get(0)).map(Double::valueOf),
                (String) seen.get(1)));
    }

    private void openDashboard() {
        browser.get(staffUrl("/admin/"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("refresh"), "最后刷新"));
    }

    /** The dashboard's address with the staff user's credentials, which the browser then reuses for the page's calls. */
    private String staffUrl(String path) {
        return "http://" + URLEncoder.encode(ApiClient.STAFF_USER, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(ApiClient.STAFF_PASSWORD, StandardCharsets.UTF_8) + "@127.0.0.1:" + port + path;
    }

    private WebElement sourceRow(String source) {
        return browser.findElement(By.cssSelector("#sources tr[data-source='" + source + "']"));
    }

    private String cell(String source, String css) {
        return sourceRow(source).findElement(By.cssSelector(css)).getText();
    }

    private Optional<WebElement> rejectRow(String recordId) {
        return browser.findElements(By.cssSelector("#rejects tbody tr")).stream()
                .filter(row -> row.findElement(By.cssSelector(".record-id")).getText().equals(recordId)).findFirst();
    }

    private JsonNode rejectFromApi(String recordId) throws Exception {
        JsonNode page = ApiClient.json(new ApiClient(port).staffGet("/api/admin/jobs/" + cityJob + "/rejects?size=200"));
        for (JsonNode reject : page.get("items")) {
            if (reject.get("record_id").asString().equals(recordId)) {
                return reject;
            }
        }
        throw new AssertionError("the API lists no reject of " + recordId + " in job " + cityJob + ": " + page);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while watching the harvest", e);
        }
    }
}
