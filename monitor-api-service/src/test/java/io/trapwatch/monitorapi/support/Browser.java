package io.trapwatch.monitorapi.support;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real headless Chromium (Debian's chromium + chromium-driver) driven over WebDriver, with the browser console
 * collected so a test can prove a page logged no error. A missing browser fails the test, never skips it.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static Browser shared;

    private final ChromeDriver driver;
    private final Path profile;
    private String baseUrl;

    private Browser(ChromeDriver driver, Path profile, String baseUrl) {
        this.driver = driver;
        this.profile = profile;
        this.baseUrl = baseUrl;
    }

    /**
     * The one browser every dashboard test class of this JVM drives (starting Chromium costs seconds), pointed at
     * {@code baseUrl} (the running service; its port changes when Quarkus restarts it); closed when the JVM exits.
     * Its console starts empty for each caller (a test's console errors are its own).
     */
    public static synchronized Browser shared(String baseUrl) {
        if (shared == null) {
            shared = open(baseUrl);
            Browser opened = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(opened::close));
        }
        shared.baseUrl = baseUrl.replaceAll("/$", "");
        shared.console();
        return shared;
    }

    public static Browser open(String baseUrl) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("The dashboard tests need Chromium and its driver at " + CHROMIUM + " and " + CHROMEDRIVER
                    + ". Install them (as root): apt-get install -y chromium chromium-driver");
        }
        try {
            Path profile = Files.createTempDirectory("trapwatch-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--user-data-dir=" + profile, "--window-size=1280,1400", "--lang=en-US");
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort().build();
            return new Browser(new ChromeDriver(service, options), profile, baseUrl);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Opens a path of the service and waits until the page says it is done (ready, empty or error). */
    public void visit(String path) {
        driver.get(baseUrl + path);
        awaitSettled();
    }

    public void awaitSettled() {
        awaitState("ready", "empty", "error");
    }

    public void awaitState(String... states) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> {
            Object state = js("return document.body.dataset.state || ''");
            return List.of(states).contains(state);
        });
    }

    public String state() {
        return (String) js("return document.body.dataset.state || ''");
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public String path() {
        return driver.getCurrentUrl().substring(baseUrl.length());
    }

    /** Waits until the address is {@code path} (e.g. after a click that pushes a view) and the page has settled. */
    public void awaitPath(String path) {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> path().equals(path));
        awaitSettled();
    }

    public void size(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Emulates the browser's colour-scheme preference (the pages follow it). */
    public void colorScheme(String scheme) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Console entries since the last call (the log is drained by reading it). */
    public List<String> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(e -> e.getLevel() + " " + e.getMessage()).toList();
    }

    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
    }

    public void assertNoConsoleErrors() {
        assertThat(consoleErrors()).as("browser console errors").isEmpty();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover temporary profile is harmless
            }
        }
    }
}
