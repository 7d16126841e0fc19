package org.opensfu.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opensfu.core.testing.Chromium;

/**
 * The browser SDK and the demo page, served from the classpath folder {@code webroot} by a Vert.x
 * {@link StaticHandler} as the server does, with the test pages of {@code sdk-test} under {@code /sdk-test/}. Nothing
 * here needs the SFU: the browser tests use the in-page fake SFU of {@code sdk-test/fake-sfu.js}, and there is no
 * {@code /ws}, so a real join finds no server.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WebClientTest {
    private static final List<String> WEBROOT_FILES = List.of("index.html", "demo.js", "demo.css", "sdk/opensfu.js");

    private static Vertx vertx;
    private static HttpServer http;

    @BeforeAll
    static void serve() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.route("/sdk-test/*").handler(StaticHandler.create("sdk-test"));
        router.route().handler(StaticHandler.create("webroot"));
        http = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static String base() {
        return "http://127.0.0.1:" + http.actualPort() + "/";
    }

    @Test
    void servesThePageTheSdkAndTheDemoWithUsableContentTypes() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        Map<String, String> expectedTypes = Map.of("", "text/html", "index.html", "text/html",
                "demo.js", "javascript", "sdk/opensfu.js", "javascript", "demo.css", "text/css");
        for (Map.Entry<String, String> expected : expectedTypes.entrySet()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base() + expected.getKey()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(expected.getKey()).isEqualTo(200);
            // Browsers load ES modules only with a JavaScript MIME type.
            assertThat(response.headers().firstValue("content-type")).as(expected.getKey()).hasValueSatisfying(
                    type -> assertThat(type).contains(expected.getValue()));
        }
    }

    @Test
    void thePageUsesNoExternalResources() throws Exception {
        for (String file : WEBROOT_FILES) {
            String text = Files.readString(webroot().resolve(file));
            assertThat(text).as(file).doesNotContainPattern("https?://").doesNotContain("@import");
        }
        assertThat(Files.readString(webroot().resolve("index.html")))
                .contains("src=\"demo.js\"", "href=\"demo.css\"");
        assertThat(Files.readString(webroot().resolve("demo.js"))).contains("from './sdk/opensfu.js'");
    }

    @Test
    void sdkTestsPassInChromium() {
        Chromium.assumeUsable();
        try (Playwright playwright = Chromium.playwright();
             Browser browser = Chromium.launch(playwright, List.of())) {
            Page page = browser.newPage();
            List<String> errors = collectErrors(page);
            page.navigate(base() + "sdk-test/index.html");
            page.waitForFunction("() => window.testResults", null, new Page.WaitForFunctionOptions().setTimeout(150_000));
            assertThat(page.evaluate("() => window.testResults.failed")).as(page.textContent("#log")).asList().isEmpty();
            assertThat(page.evaluate("() => window.testResults.total")).isEqualTo(25);
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void demoLoadsCleanlyReportsAnUnreachableServerAndPassesItsInPageTests() {
        Chromium.assumeUsable();
        try (Playwright playwright = Chromium.playwright();
             Browser browser = Chromium.launch(playwright, List.of())) {
            Page page = browser.newPage();
            List<String> errors = collectErrors(page);
            page.navigate(base() + "?room=standup-1");
            page.waitForFunction("() => window.demo");
            assertThat(page.inputValue("#room")).isEqualTo("standup-1");

            page.click("#join");
            page.waitForSelector("#messages .message.error");
            assertThat(page.textContent("#messages .message.error"))
                    .isEqualTo("Cannot reach the server at ws://127.0.0.1:" + http.actualPort() + "/ws.");
            assertThat(page.locator(".tile").count()).isZero();
            assertThat(page.isDisabled("#join")).isFalse();

            @SuppressWarnings("unchecked")
            Map<String, Object> results = (Map<String, Object>) page.evaluate(
                    "() => import('/sdk-test/demo-tests.js').then(m => m.run())");
            assertThat(results.get("failed")).as(results.toString()).asList().isEmpty();
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void demoSaysWhenTheCameraIsRefusedOrMissingAndJoinsAsAViewer() {
        Chromium.assumeUsable();
        try (Playwright playwright = Chromium.playwright();
             Browser browser = Chromium.launch(playwright, List.of())) {
            for (String[] failure : new String[][] {
                    {"NotAllowedError", "Camera or microphone access was refused; you can still watch."},
                    {"NotFoundError", "No camera or microphone was found; you can still watch."}}) {
                Page page = browser.newPage();
                List<String> errors = collectErrors(page);
                // The browser's own refusal needs a launch without --use-fake-ui-for-media-stream; this is the same
                // DOMException, thrown by getUserMedia itself.
                page.addInitScript("navigator.mediaDevices.getUserMedia = async () => { throw new DOMException("
                        + "'refused', '" + failure[0] + "'); };");
                page.navigate(base());
                page.waitForFunction("() => window.demo");
                page.click("#join");
                page.waitForSelector("#messages .message.error"); // then the join goes on and finds no server
                assertThat(page.locator("#messages .message").allTextContents()).containsExactly(failure[1],
                        "Cannot reach the server at ws://127.0.0.1:" + http.actualPort() + "/ws.");
                assertThat(errors).isEmpty();
                page.close();
            }
        }
    }

    /** JavaScript errors and failed loads of the page; the WebSocket to the missing /ws is expected to fail. */
    private static List<String> collectErrors(Page page) {
        List<String> errors = new ArrayList<>();
        page.onPageError(error -> errors.add("page error: " + error));
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type()) && !message.text().contains("WebSocket connection to")) {
                errors.add("console: " + message.text());
            }
        });
        page.onResponse(response -> {
            if (response.status() >= 400 && !response.url().endsWith("/ws")) {
                errors.add(response.status() + " " + response.url());
            }
        });
        return errors;
    }

    private static Path webroot() throws URISyntaxException, IOException {
        Path path = Path.of(WebClientTest.class.getResource("/webroot/index.html").toURI()).getParent();
        try (Stream<Path> files = Files.list(path)) {
            assertThat(files).isNotEmpty();
        }
        return path;
    }
}
