package dev.lacy.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lacy.core.format.LacyPromptFormat;
import dev.lacy.core.port.contract.ContractScenes;
import dev.lacy.core.testing.OracleModelTestDouble;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The playground in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}; the README says how
 * to install them): it loads a scene, submits an instruction, and the page shows the drawn pick and place and the
 * explanation. Skipped, saying why, where no browser is installed. Writes the page's screenshot to
 * {@code target/playground.png}.
 */
class PlaygroundBrowserTest {

    static Optional<Path> executable(String property, String... candidates) {
        String given = System.getProperty(property);
        if (given != null) {
            return Optional.of(Path.of(given)).filter(Files::isExecutable);
        }
        for (String c : candidates) {
            if (Files.isExecutable(Path.of(c))) {
                return Optional.of(Path.of(c));
            }
        }
        return Optional.empty();
    }

    /** Skips the test, saying why, where no Chromium and chromedriver are installed. */
    static void requireBrowser() {
        browserPaths();
    }

    /** A headless Chromium driven through its chromedriver. */
    static WebDriver browser() {
        Path[] paths = browserPaths();
        var options = new ChromeOptions().setBinary(paths[0].toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1440,900");
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(paths[1].toFile()).build(), options);
    }

    private static Path[] browserPaths() {
        Optional<Path> chromium = executable("lacy.chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser",
                "/usr/bin/google-chrome");
        Optional<Path> driver = executable("lacy.chromedriver", "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
        Assumptions.assumeTrue(chromium.isPresent() && driver.isPresent(), "no headless Chromium here (install Debian's "
                + "chromium and chromium-driver: apt-get install chromium chromium-driver); the playground test is skipped");
        return new Path[] {chromium.get(), driver.get()};
    }

    /**
     * Opt-in, for the docs: {@code -Dlacy.playground.url=http://127.0.0.1:8080/} drives a running {@code lacy serve} (a
     * real model) through its first scene and writes the page to {@code -Dlacy.playground.screenshot} (default
     * {@code target/playground-served.png}).
     */
    @Test
    void aRunningServersPlaygroundAnswersItsFirstScene() throws Exception {
        String url = System.getProperty("lacy.playground.url");
        Assumptions.assumeTrue(url != null, "set -Dlacy.playground.url to drive a running lacy serve");
        WebDriver browser = browser();
        try {
            browser.get(url);
            var wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            wait.until(b -> "true".equals(b.findElement(By.tagName("body")).getDomAttribute("data-ready")));
            browser.findElement(By.id("run")).click();
            wait.until(b -> b.findElement(By.id("status")).getText().startsWith("answered")
                    || "error".equals(b.findElement(By.id("status")).getDomAttribute("class")));
            assertThat(browser.findElement(By.id("status")).getText()).startsWith("answered");
            Path out = Path.of(System.getProperty("lacy.playground.screenshot", "target/playground-served.png"));
            Files.write(out, ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.quit();
        }
    }

    @Test
    void aSceneAndAnInstructionShowThePickThePlaceAndTheExplanation() throws Exception {
        requireBrowser();

        var scene = new PlaygroundScene("lemon-and-mustard", "test", TestScenes.picture(ContractScenes.TWO_OBJECTS, 224),
                "Pick the lemon and place it in the bottom right of the table");
        try (var server = LacyServer.start(new OracleModelTestDouble(ContractScenes.TWO_OBJECTS),
                LacyPromptFormat.withoutChainOfThought(), "oracle", List.of(scene), ServerSettings.defaults())) {
            WebDriver browser = browser();
            try {
                browser.get("http://127.0.0.1:" + server.port() + "/");
                var wait = new WebDriverWait(browser, Duration.ofSeconds(20));
                wait.until(b -> "true".equals(b.findElement(By.tagName("body")).getDomAttribute("data-ready")));
                assertThat(new Select(browser.findElement(By.id("scene"))).getFirstSelectedOption().getText())
                        .contains("lemon-and-mustard");
                WebElement instruction = browser.findElement(By.id("instruction"));
                instruction.clear();
                instruction.sendKeys("Pick the mustard bottle and place it in the top left of the table");
                browser.findElement(By.id("run")).click();
                wait.until(b -> b.findElement(By.id("canvas")).getDomAttribute("data-place") != null);

                WebElement canvas = browser.findElement(By.id("canvas"));
                assertThat(canvas.getDomAttribute("data-pick")).isEqualTo("0.700,0.700");
                assertThat(canvas.getDomAttribute("data-place")).isEqualTo("0.167,0.167");
                assertThat(browser.findElement(By.id("explanation")).getText()).contains("mustard bottle");
                assertThat(browser.findElement(By.id("confidence")).getText()).matches("\\d+\\.\\d % (not )?consistent");
                // the ring is drawn: the canvas pixel at the pick point's ring is green
                Object green = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                        "const c = document.getElementById('canvas'); const d = c.getContext('2d')"
                                + ".getImageData(Math.round(0.7 * c.width + 13), Math.round(0.7 * c.height), 1, 1).data;"
                                + "return d[1] > 120 && d[0] < 80;");
                assertThat(green).isEqualTo(Boolean.TRUE);
                byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
                Files.createDirectories(Path.of("target"));
                Files.write(Path.of("target", "playground.png"), png);
            } finally {
                browser.quit();
            }
        }
    }
}
