package io.laneway.launcher.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.laneway.infra.Await;
import io.laneway.launcher.Platform;
import io.laneway.launcher.SecuredPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator console in headless Chromium against the real platform: a poisoned message is found, its payload fixed
 * (an edit that breaks the type's schema refused first) and replayed, and it completes; a bulk redrive's dry run counts
 * a group's open letters and sends nothing; the lanes view shows every lane; without credentials, or with a key
 * without scope admin, the page acts on nothing. Each view's screenshot is written to {@code target/console-screenshots/}.
 */
@ExtendWith(SecuredPlatform.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorConsoleTest {

    private static final String OPERATOR_KEY = "matrix-operator-key";
    private static final String PUBLISHER_KEY = "matrix-alice-key";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static ChromeDriver browser;
    private static Platform platform;

    @BeforeAll
    static void browser() {
        platform = SecuredPlatform.platform();
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void freshPage() {
        browser.get(consoleUrl() + "#find");
        browser.executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
        awaitPage(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    }

    @Test
    @Order(1)
    void withoutCredentialsThePageActsOnNothingAndAKeyWithoutAdminIsToldWhy() throws Exception {
        browser.get(consoleUrl() + "#dead-letters");
        click("dl-apply");
        awaitNotice("Enter an API key or token first");
        screenshot("no-credentials");

        assertThat(browser.executeScript("""
                return [...document.querySelectorAll('input, select, textarea')]
                    .filter(c => c.labels.length === 0 && !c.getAttribute('aria-label')).map(c => c.id)""")).as("controls without a label")
                .asList().isEmpty();

        signIn(PUBLISHER_KEY); // may publish, may not operate
        click("dl-apply");
        awaitNotice("Not allowed");
        assertThat(browser.findElement(By.id("dl-groups")).findElements(By.cssSelector("tbody tr"))).isEmpty();
    }

    @Test
    @Order(2)
    void aPoisonedMessageIsFoundItsPayloadFixedAndReplayedAndItCompletes() throws Exception {
        String key = "console-" + UUID.randomUUID();
        String id = publishGreeting("P".repeat(70), key);
        awaitStatus(id, "DEAD_LETTERED");
        Await.until("its dead letter indexed", PATIENCE, () -> lettersOfMessage(id) == 1);
        signIn(OPERATOR_KEY);

        find(key); // the client only knows its idempotency key
        awaitText("find-result", "DEAD_LETTERED");
        assertThat(text("find-result")).as("the timeline gives the failure's reason").contains(id).contains("does not fit on a greeting card");
        screenshot("find-message");
        WebElement open = awaitPage(d -> d.findElements(By.cssSelector("#find-result button[id^=open-letter-]")).stream().findFirst().orElse(null));
        open.click();
        awaitText("dl-letter", "does not fit on a greeting card");
        browser.findElement(By.cssSelector("#letter-headers summary")).click();
        awaitText("letter-headers", key); // the envelope's headers, decoded

        editPayload("{\"name\": 42}");
        click("letter-replay");
        awaitNotice("Nothing was sent");
        assertThat(notice()).contains("$.name");
        screenshot("letter-edit-refused");

        editPayload("{\"name\": \"Ada\"}");
        type("letter-reason", "name shortened to fit the card");
        click("letter-replay");
        awaitNotice("replayed with the edited payload");
        awaitText("dl-letter", "payload edited to {\"name\":\"Ada\"}");
        screenshot("letter-replayed");

        browser.get(consoleUrl() + "#find");
        awaitPage(d -> !d.findElement(By.id("view-find")).isDisplayed() ? null : true);
        Await.until("the replayed message to show COMPLETED", PATIENCE, () -> {
            find(id);
            return text("find-result").contains("COMPLETED");
        });
        screenshot("find-completed");
    }

    @Test
    @Order(3)
    void aBulkRedriveDryRunCountsTheGroupsOpenLettersAndSendsNothing() throws Exception {
        Instant since = Instant.now().minusSeconds(1);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(publishGreeting("Q".repeat(80 + i), null));
        }
        for (String id : ids) {
            awaitStatus(id, "DEAD_LETTERED");
        }
        Await.until("three open letters indexed", PATIENCE, () -> openLetters(since) == 3);
        signIn(OPERATOR_KEY);

        browser.get(consoleUrl() + "#dead-letters");
        type("dl-type", "demo.greet");
        browser.executeScript("document.getElementById('dl-since').value = arguments[0]",
                LocalDateTime.ofInstant(since, ZoneId.systemDefault()).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")));
        click("dl-apply");
        awaitPage(d -> d.findElements(By.id("group-redrive-0")).isEmpty() ? null : true);
        assertThat(browser.findElements(By.cssSelector("#dl-groups tbody tr"))).hasSize(1);
        screenshot("dead-letter-groups");
        click("group-redrive-0");
        click("redrive-dry-run");
        awaitText("redrive-result", "would replay 3 letter(s)");
        assertThat(text("redrive-result")).contains("Nothing was sent");
        assertThat(browser.findElement(By.id("redrive-send")).isEnabled()).as("a redrive follows a dry run").isTrue();
        screenshot("bulk-redrive-dry-run");

        assertThat(openLetters(since)).as("the dry run sent nothing").isEqualTo(3);
    }

    @Test
    @Order(4)
    void theLanesViewShowsEveryLaneWithItsLimitAndBreakers() throws Exception {
        signIn(OPERATOR_KEY);
        browser.get(consoleUrl() + "#lanes");
        for (String lane : List.of("fast", "heavy", "long-running")) {
            awaitPage(d -> d.findElements(By.id("lane-" + lane)).isEmpty() ? null : true);
            assertThat(text("lane-" + lane)).contains("CLOSED");
        }
        screenshot("lanes");
    }

    @Test
    @Order(5)
    void anOrderShowsItsSagaStepsAndWhatTheOrchestratorWaitsFor() throws Exception {
        String order = "console-order-" + UUID.randomUUID();
        HttpResponse<String> placed = HTTP.send(HttpRequest.newBuilder(URI.create(platform.routerUrl() + "/v1/messages"))
                .header("Content-Type", "application/json").header("X-API-Key", PUBLISHER_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"order.place\",\"payload\":{\"orderId\":\"" + order
                        + "\",\"customerId\":\"c-console\",\"lines\":[{\"sku\":\"not-stocked\",\"quantity\":1,\"unitPriceCents\":100}]}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
        signIn(OPERATOR_KEY);

        // a product nobody stocked: the saga cancels the order, and says so
        Await.until("the order cancelled", PATIENCE, () -> {
            find(order);
            return text("find-result").contains("CANCELLED") && text("find-result").contains("Saga step");
        });
        assertThat(text("find-result")).contains("OrderPlaced");
        Await.until("the order's messages by correlation id", PATIENCE, () -> {
            find(order);
            return text("find-result").contains("Messages with correlation id " + order);
        });
        screenshot("find-order");
    }

    // ---- the page ----

    private static String consoleUrl() {
        return platform.consoleUrl();
    }

    private static void signIn(String key) {
        type("api-key", key);
        click("sign-in");
        awaitNotice("Credentials set");
    }

    private static void find(String id) {
        WebElement query = browser.findElement(By.id("find-query"));
        query.clear();
        query.sendKeys(id);
        click("find-submit");
        awaitPage(d -> !text("find-result").isEmpty() || !notice().isEmpty() ? true : null);
    }

    private static void editPayload(String json) {
        WebElement payload = browser.findElement(By.id("letter-payload"));
        payload.clear();
        payload.sendKeys(json);
    }

    private static void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private static void click(String id) {
        awaitPage(d -> d.findElement(By.id(id)).isDisplayed() && d.findElement(By.id(id)).isEnabled() ? true : null);
        browser.findElement(By.id(id)).click();
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static String notice() {
        return text("notice");
    }

    private static void awaitNotice(String expected) {
        awaitText("notice", expected);
    }

    private static void awaitText(String id, String expected) {
        try {
            awaitPage(d -> text(id).contains(expected) ? true : null);
        } catch (RuntimeException e) {
            throw new AssertionError("#" + id + " never said \"" + expected + "\"; it says: " + text(id) + "; notice: " + notice(), e);
        }
    }

    private static <T> T awaitPage(java.util.function.Function<org.openqa.selenium.WebDriver, T> condition) {
        try {
            return new WebDriverWait(browser, PATIENCE).until(condition::apply);
        } catch (org.openqa.selenium.TimeoutException e) {
            try {
                screenshot("failed-" + System.currentTimeMillis());
                Files.writeString(SCREENSHOTS.resolve("failed-page.html"), browser.getPageSource());
            } catch (Exception ignored) {
                // the failure below says what matters
            }
            throw new AssertionError("the page never got there; notice: " + notice(), e);
        }
    }

    private static void screenshot(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    // ---- the APIs, to set the scene and to check what the page did ----

    private static String publishGreeting(String name, String idempotencyKey) throws Exception {
        String key = idempotencyKey == null ? "" : "\"idempotencyKey\":\"" + idempotencyKey + "\",";
        HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(URI.create(platform.routerUrl() + "/v1/messages"))
                .header("Content-Type", "application/json").header("X-API-Key", PUBLISHER_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"demo.greet\"," + key + "\"payload\":{\"name\":\"" + name + "\"}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return JSON.readTree(accepted.body()).get("id").asText();
    }

    private static void awaitStatus(String id, String status) {
        Await.until(id + " to be " + status, PATIENCE, () -> {
            try {
                HttpResponse<String> view = HTTP.send(HttpRequest.newBuilder(URI.create(platform.projectionUrl() + "/v1/messages/" + id))
                        .header("X-API-Key", OPERATOR_KEY).build(), HttpResponse.BodyHandlers.ofString());
                return view.statusCode() == 200 && status.equals(JSON.readTree(view.body()).get("status").asText());
            } catch (Exception e) {
                return false;
            }
        });
    }

    private static int lettersOfMessage(String messageId) {
        return total("/v1/dead-letters?status=ANY&messageId=" + messageId);
    }

    private static int openLetters(Instant since) {
        return total("/v1/dead-letters?type=demo.greet&since=" + since);
    }

    private static int total(String pathAndQuery) {
        try {
            HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(platform.poolUrl() + pathAndQuery))
                    .header("X-API-Key", OPERATOR_KEY).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(page.body()).get("total").asInt();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
