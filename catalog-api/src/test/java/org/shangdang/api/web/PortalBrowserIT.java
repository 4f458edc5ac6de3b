package org.shangdang.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.shangdang.fixtures.FixtureScenario;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Creator;
import org.shangdang.record.Event;
import org.shangdang.record.Holding;
import org.shangdang.record.MediaLink;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.ResourceKind;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The portal in a real headless Chromium (Debian's chromium and chromium-driver) against the running
 * application: suggestions as one types, search with highlights, facets, paging, the record page, and
 * the layout at phone and terminal sizes. Screenshots go to {@code target/portal-screenshots}.
 *
 * <p>Skips with a message where chromium or chromedriver is not installed, except under {@code CI=true},
 * where their absence fails the build.
 */
class PortalBrowserIT extends PortalTestApp {

    private static final Path SCREENSHOTS = Path.of("target", "portal-screenshots");
    private static final String IIIF_RECORD = "portal-test:iiif-1";

    @Autowired
    SearchIndex index;

    private HeadlessChromium chromium;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    void startChromium() {
        chromium = HeadlessChromium.start(new Dimension(1080, 1920), SCREENSHOTS);
        browser = chromium.driver();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @BeforeAll
    void indexARecordWithADigitalObject() {
        String thumbnail = "data:image/svg+xml," + URLEncoder.encode(
                "<svg xmlns='http://www.w3.org/2000/svg' width='120' height='160'><rect width='120' height='160' fill='#9b2d20'/></svg>",
                StandardCharsets.UTF_8).replace("+", "%20");
        CanonicalRecord record = CanonicalRecord.builder("portal-test", "iiif-1")
                .format(RecordFormat.IIIF_MANIFEST)
                .kind(ResourceKind.RARE_BOOK)
                .title("潞安府志")
                .creator(Creator.of("张淑渠", "纂"))
                .library("长治市图书馆")
                .holding(new Holding("长治市图书馆", Optional.of("古籍部"), Optional.of("K292.25/1"), Optional.empty(),
                        Optional.of("GJ0001"), Optional.empty(), Optional.empty()))
                .holding(new Holding("长治市图书馆", Optional.of("总馆三楼"), Optional.of("K292.25/1"), Optional.empty(),
                        Optional.of("GJ0002"), Optional.empty(), Optional.empty()))
                .holding(new Holding("长子县图书馆", Optional.of("地方文献室"), Optional.of("K292.25/2"), Optional.empty(),
                        Optional.of("ZZ0001"), Optional.empty(), Optional.empty()))
                .media(MediaLink.of(MediaLink.Kind.THUMBNAIL, thumbnail))
                .media(MediaLink.of(MediaLink.Kind.IIIF_MANIFEST, "https://iiif.example.cn/luanfuzhi/manifest.json"))
                .media(new MediaLink(MediaLink.Kind.PDF, "https://iiif.example.cn/luanfuzhi/full.pdf",
                        Optional.of("全本 PDF"), Optional.of("application/pdf"), Optional.empty()))
                .datestamp(Instant.parse("2026-11-01T00:00:00Z"))
                .build();
        index.upsert(List.of(record));
        index.commit();
    }

    @BeforeEach
    void terminalSize() {
        browser.manage().window().setSize(new Dimension(1080, 1920));
    }

    @AfterAll
    void quit() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void typingPinyinInitialsOrCharactersShowsSuggestionsAndChoosingOneSearches() {
        browser.get(base() + "/");
        WebElement box = browser.findElement(By.id("q"));

        box.sendKeys("sdbz");
        List<String> forInitials = suggestionTexts();
        assertThat(forInitials).contains("上党梆子");
        assertThat(box.getAttribute("aria-expanded")).isEqualTo("true");
        screenshot("suggestions-sdbz");

        box.clear();
        box.sendKeys("上党");
        wait.until(d -> suggestionTexts().stream().allMatch(t -> t.startsWith("上党")));
        assertThat(suggestionTexts()).contains("上党梆子");

        box.sendKeys(Keys.ARROW_DOWN);
        String chosen = browser.findElement(By.cssSelector("#suggestions [aria-selected=true] .suggestion-text")).getText();
        box.sendKeys(Keys.ENTER);

        wait.until(ExpectedConditions.urlContains("q="));
        assertThat(browser.findElement(By.id("q")).getAttribute("value")).isEqualTo(chosen);
        assertThat(total()).isPositive();
    }

    @Test
    void aTraditionalQueryFindsAndHighlightsSimplifiedText() {
        browser.get(base() + "/");
        WebElement box = browser.findElement(By.id("q"));
        box.sendKeys("長治");
        box.sendKeys(Keys.ENTER);

        wait.until(ExpectedConditions.urlContains("q=" + enc("長治")));
        assertThat(browser.findElement(By.id("q")).getAttribute("value")).isEqualTo("長治");
        long total = total();
        assertThat(total).isPositive();
        List<String> marked = browser.findElements(By.cssSelector("#hits mark")).stream().map(WebElement::getText).toList();
        assertThat(marked).isNotEmpty().allMatch(t -> t.contains("长治") || t.contains("長治"));
        assertThat(browser.findElements(By.cssSelector("#hits .hit .kind")).get(0).getText()).isNotBlank();
        screenshot("results-traditional-query");
    }

    @Test
    void clickingAFacetNarrowsTheResultsAndClickingItAgainWidensThem() {
        browser.get(base() + "/?q=");
        long all = total();
        WebElement county = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("fieldset[data-facet=county] input[value='长子县']")));
        String label = browser.findElement(By.cssSelector("label[for='" + county.getAttribute("id") + "']")).getText();
        long shown = Long.parseLong(label.replaceAll(".*\\((\\d+)\\).*", "$1"));

        browser.findElement(By.cssSelector("label[for='" + county.getAttribute("id") + "']")).click();

        wait.until(ExpectedConditions.urlContains("county="));
        long narrowed = total();
        assertThat(narrowed).isLessThan(all).isEqualTo(shown);
        assertThat(browser.findElement(By.cssSelector("fieldset[data-facet=county] input[value='长子县']")).isSelected()).isTrue();
        screenshot("facet-county");

        browser.findElement(By.cssSelector("fieldset[data-facet=county] input[value='长子县']")).click();

        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("county=")));
        assertThat(total()).isEqualTo(all);
    }

    @Test
    void thePagerMovesToTheNextPageOfDifferentHits() {
        browser.get(base() + "/?q=");
        List<String> first = hitIds();
        assertThat(first).hasSize(10);

        browser.findElement(By.cssSelector("#pager a[rel=next]")).click();

        wait.until(ExpectedConditions.urlContains("page=2"));
        wait.until(d -> d.findElement(By.cssSelector("#pager .page-current")).getText().startsWith("第 2 "));
        List<String> second = hitIds();
        assertThat(second).hasSize(10).doesNotContainAnyElementsOf(first);
        browser.findElement(By.cssSelector("#pager a[rel=prev]")).click();
        wait.until(ExpectedConditions.urlContains("page=1"));
        assertThat(hitIds()).isEqualTo(first);
    }

    @Test
    void openingARecordShowsItsHoldingsByLibraryWithAvailability() {
        browser.get(base() + "/?q=" + enc("上党梆子") + "&source=" + FixtureScenario.CHANGZHI_CITY);
        WebElement first = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#hits .hit-title")));
        String title = first.getText();

        first.click();

        wait.until(ExpectedConditions.urlContains("/record.html?id="));
        WebElement heading = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("record-title")));
        assertThat(heading.getText()).isEqualTo(title);
        assertThat(browser.findElements(By.cssSelector(".holdings-library h3")).get(0).getText()).startsWith("长治市图书馆");
        assertThat(browser.findElements(By.cssSelector(".holdings-table tr.holding"))).isNotEmpty();
        wait.until(d -> !d.findElement(By.cssSelector(".holdings-table tr.holding .availability")).getText()
                .startsWith("查询中"));

        // 上党梆子 (cz-000001): 长治市图书馆's ILS says one copy is in transit, the other lent until 2026-12-28.
        browser.get(base() + "/record.html?id=" + enc("changzhi-city:oai:lib.changzhi.cn:cz-000001"));
        wait.until(d -> d.findElements(By.cssSelector(".holdings-table tr.holding .availability")).stream()
                .noneMatch(cell -> cell.getText().startsWith("查询中")));
        List<String> statuses = browser.findElements(By.cssSelector(".holdings-table tr.holding .availability")).stream()
                .map(WebElement::getText).toList();
        assertThat(statuses).anySatisfy(s -> assertThat(s).startsWith("在途"))
                .anySatisfy(s -> assertThat(s).startsWith("已借出（应还 2026-12-28）").contains("悦读长治·长治宾馆书吧"));
        screenshot("record-holdings");
    }

    @Test
    void aDigitalObjectShowsItsIiifThumbnailManifestLinkAndMedia() {
        browser.get(base() + "/record.html?id=" + enc(IIIF_RECORD));

        WebElement image = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".thumbnail img")));
        wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", image));
        assertThat(browser.findElement(By.cssSelector("a.manifest-link")).getAttribute("href"))
                .isEqualTo("https://iiif.example.cn/luanfuzhi/manifest.json");
        assertThat(browser.findElements(By.cssSelector("a.media-link")).stream().map(WebElement::getText)).contains("全本 PDF");
        List<String> libraries = browser.findElements(By.cssSelector(".holdings-library h3")).stream().map(WebElement::getText).toList();
        assertThat(libraries).hasSize(2);
        assertThat(libraries.get(0)).startsWith("长治市图书馆").contains("2 册");
        assertThat(browser.findElements(By.cssSelector(".holdings-library")).get(0)
                .findElements(By.cssSelector("td[data-label='分馆/馆藏地']")).stream().map(WebElement::getText))
                .containsExactlyInAnyOrder("古籍部", "总馆三楼");
        assertThat(browser.findElement(By.cssSelector(".record-header .kind")).getText()).contains("古籍");
        assertThat(browser.findElement(By.cssSelector(".fields")).getText()).contains("张淑渠 纂").doesNotContain("[object");
        screenshot("record-iiif");
    }

    @Test
    void anActivitysPageShowsItsTimeInBeijingTimeVenueAndRunningTimeOnce() {
        // given a cloud activity with a structured event and running time, whose notes say the same in text
        index.upsert(List.of(CanonicalRecord.builder("portal-test", "activity-1")
                .format(RecordFormat.SHANXI_CLOUD_JSON)
                .kind(ResourceKind.ACTIVITY)
                .title("少儿读书会：神话故事里的长治")
                .library("长治市图书馆")
                .event(new Event(Optional.of(Instant.parse("2024-07-13T07:00:00Z")),
                        Optional.of(Instant.parse("2024-07-13T09:00:00Z")), Optional.of("长治市图书馆 一楼学术报告厅"),
                        Optional.of("山西省长治市潞州区英雄中路")))
                .duration(Duration.ofHours(2))
                .note("活动时间 2024-07-13 15:00 至 17:00")
                .note("活动地点 长治市图书馆 一楼学术报告厅（山西省长治市潞州区英雄中路）")
                .note("时长 02:00:00")
                .note("请提前十分钟入场")
                .datestamp(Instant.parse("2026-11-01T00:00:00Z"))
                .build()));
        index.commit();

        // when a reader opens its page
        browser.get(base() + "/record.html?id=" + enc("portal-test:activity-1"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("record-title")));

        // then time (Beijing), venue with address and running time are fields of their own, not repeated in the notes
        assertThat(field("活动时间")).isEqualTo("2024/07/13 15:00 至 17:00");
        assertThat(field("活动地点")).isEqualTo("长治市图书馆 一楼学术报告厅（山西省长治市潞州区英雄中路）");
        assertThat(field("时长")).isEqualTo("2:00:00");
        assertThat(field("附注")).isEqualTo("请提前十分钟入场");
        // and a record without media shows no stray text where the media would be
        assertThat(browser.findElement(By.id("record")).getText()).doesNotContain("null");
        screenshot("record-activity");
    }

    @Test
    void atPhoneWidthNothingScrollsSideways() {
        browser.manage().window().setSize(new Dimension(390, 844));
        for (String page : List.of("/?q=" + enc("上党梆子"), "/record.html?id=" + enc(IIIF_RECORD), "/?q=&county=" + enc("长子县"))) {
            browser.get(base() + page);
            wait.until(d -> !d.findElements(By.cssSelector("#hits .hit, #record-title")).isEmpty());
            long viewport = ((Number) script("return window.innerWidth")).longValue();
            long content = ((Number) script("return document.documentElement.scrollWidth")).longValue();
            assertThat(viewport).as("viewport width").isLessThanOrEqualTo(400);
            assertThat(content).as("content width of " + page).isLessThanOrEqualTo(viewport);
        }
        screenshot("phone-facets");
    }

    @Test
    void onATerminalTheFacetsStandBesideTheResults() {
        browser.get(base() + "/?q=" + enc("上党"));
        wait.until(d -> !d.findElements(By.cssSelector("#hits .hit")).isEmpty());

        WebElement facets = browser.findElement(By.cssSelector("aside.facets"));
        WebElement results = browser.findElement(By.id("results"));

        assertThat(facets.getRect().getX() + facets.getRect().getWidth()).isLessThanOrEqualTo(results.getRect().getX());
        assertThat(((Number) script("return document.documentElement.scrollWidth")).longValue())
                .isLessThanOrEqualTo(((Number) script("return window.innerWidth")).longValue());
        screenshot("terminal-results");
    }

    private List<String> suggestionTexts() {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#suggestions [role=option]")));
        return browser.findElements(By.cssSelector("#suggestions [role=option] .suggestion-text")).stream()
                .map(WebElement::getText).toList();
    }

    private long total() {
        WebElement total = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("total")));
        return Long.parseLong(total.getText());
    }

    private List<String> hitIds() {
        wait.until(d -> !d.findElements(By.cssSelector("#hits .hit")).isEmpty());
        return browser.findElements(By.cssSelector("#hits .hit")).stream().map(h -> h.getAttribute("data-id")).toList();
    }

    private Object script(String js) {
        return chromium.script(js);
    }

    /** The text of the record page's field with this label. */
    private String field(String label) {
        return browser.findElement(By.xpath("//dl[contains(@class,'fields')]/dt[normalize-space(.)='" + label
                + "']/following-sibling::dd[1]")).getText();
    }

    private void screenshot(String name) {
        chromium.screenshot(name);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
