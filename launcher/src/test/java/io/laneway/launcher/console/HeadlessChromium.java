package io.laneway.launcher.console;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium and its matching chromedriver ({@code apt-get install chromium chromium-driver}; {@code .ci/run}
 * installs them), never a browser downloaded at test time. Elsewhere, {@code -Dlaneway.chromium} and
 * {@code -Dlaneway.chromedriver} name them.
 */
final class HeadlessChromium {

    private HeadlessChromium() {
    }

    static ChromeDriver start() {
        Path chromium = installed("laneway.chromium", "/usr/bin/chromium");
        Path driver = installed("laneway.chromedriver", "/usr/bin/chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        // --no-sandbox: CI runs as root, where Chromium's sandbox will not start
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000", "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .withLogFile(new File("target/chromedriver.log")).build();
        return new ChromeDriver(service, options);
    }

    private static Path installed(String property, String debianPath) {
        Path path = Path.of(System.getProperty(property, debianPath));
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException(path + " is missing: install Debian's chromium and chromium-driver (.ci/run does), or point -D"
                    + property + " at one");
        }
        return path;
    }
}
