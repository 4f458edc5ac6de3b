package org.shangdang.api.web;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium, headless, driven by its chromium-driver through Selenium, for the browser tests.
 *
 * <p>{@link #start} skips the calling test class with a message where chromium or chromedriver is not installed,
 * except under {@code CI=true}, where their absence fails the build. Not thread-safe (one browser, one test thread);
 * {@link #close} quits the browser and is idempotent.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path screenshots;

    private HeadlessChromium(ChromeDriver driver, Path screenshots) {
        this.driver = driver;
        this.screenshots = screenshots;
    }

    /**
     * Starts a browser with a Chinese locale and the given window size.
     *
     * @param screenshots where {@link #screenshot} saves its pictures, e.g. {@code target/portal-screenshots}
     */
    static HeadlessChromium start(Dimension window, Path screenshots) {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed) {
            String message = "chromium and chromium-driver are not installed at " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (apt-get install -y chromium chromium-driver)";
            if ("true".equals(System.getenv("CI"))) {
                fail(message + "; CI=true, so the browser tests must run");
            }
            Assumptions.abort(message + "; skipping the browser tests");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--lang=zh-CN", "--window-size=" + window.getWidth() + "," + window.getHeight());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new HeadlessChromium(new ChromeDriver(service, options), screenshots);
    }

    ChromeDriver driver() {
        return driver;
    }

    /** A wait on this browser polling every 100 ms. */
    WebDriverWait waiting(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout);
        wait.pollingEvery(Duration.ofMillis(100));
        return wait;
    }

    /** Runs JavaScript in the page and returns its result. */
    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** Saves the visible page as {@code <screenshots>/<name>.png}. */
    void screenshot(String name) {
        try {
            Files.createDirectories(screenshots);
            Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save screenshot " + name + " in " + screenshots, e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
