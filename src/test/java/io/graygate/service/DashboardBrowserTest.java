package io.graygate.service;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import io.graygate.release.Releases;
import io.graygate.reporting.DevToolsBrowser;
import io.graygate.reporting.HeadlessChromium;
import io.graygate.platform.Database;
import io.graygate.testing.MeetingFixture;
import io.graygate.testing.TestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web page in Debian's headless chromium against a real database: sign in through the form, look at the
 * page (screenshot in target/screenshots/dashboard.png), watch it reload itself, and open a report link.
 */
@ExtendWith(TestDatabase.class)
@Tag("db")
class DashboardBrowserTest {
    private static final int REFRESH_SECONDS = 5;
    /** Everything the test reads from the page, in one evaluation so a self-reload cannot split it. */
    private static final String PAGE_FACTS = """
            JSON.stringify({
              path: location.pathname,
              stage: document.getElementById('stage').innerText,
              phase: document.getElementById('phase').innerText,
              decisions: document.getElementById('decisions').innerText,
              problems: document.getElementById('problems').innerText,
              symbols: document.getElementById('symbols').innerText,
              reportLinks: [...document.querySelectorAll('#reports a')].map(a => a.getAttribute('href')),
              scripts: document.querySelectorAll('script').length,
              images: document.querySelectorAll('img').length,
              refresh: document.querySelector('meta[http-equiv=refresh]').getAttribute('content'),
              cookieVisibleToScript: document.cookie.includes('graygate_session')
            })""";

    @Test
    void aViewerSignsInAndSeesTheStageDecisionsProblemsAndReports(Database db) throws Exception {
        Optional<HeadlessChromium> chromium = HeadlessChromium.find();
        Assumptions.assumeTrue(chromium.isPresent(), "no chromium binary on PATH (.ci/run installs Debian's chromium)");
        MeetingFixture.Scene scene = MeetingFixture.build(db.jdbi(), Releases.fresh());
        Path png = Path.of("target", "screenshots", "dashboard.png");
        Files.deleteIfExists(png);

        try (TestServer server = new TestServer(db, scene.release(), REFRESH_SECONDS);
             DevToolsBrowser browser = chromium.get().devTools()) {
            browser.open(server.url("/"));
            assertThat(browser.evaluate("location.pathname").asText()).as("not signed in yet").isEqualTo("/login");

            browser.evaluate("document.getElementById('token').value = 'viewer-secret';"
                    + " document.getElementById('sign-in').click(); true");
            browser.waitUntil("location.pathname === '/' && document.readyState === 'complete'"
                    + " && document.getElementById('decisions') !== null");
            JsonNode page = io.graygate.platform.Json.MAPPER.readTree(browser.evaluate(PAGE_FACTS).asText());
            browser.screenshot(png, 1600);

            assertThat(page.get("stage").asText()).isEqualTo("stage 1: gray_10pct");
            assertThat(page.get("phase").asText()).isEqualToIgnoringCase("awaiting decision");
            assertThat(page.get("decisions").asText()).contains(MeetingFixture.ROLLBACK_REASON, MeetingFixture.HOLD_REASON,
                    "approved by bob: " + MeetingFixture.RULING_REASON);
            assertThat(page.get("problems").asText()).contains(MeetingFixture.PROBLEM_TITLE, MeetingFixture.PROBLEM_SYMBOL);
            assertThat(page.get("symbols").asText()).contains("ETHUSDT", "dynamic");
            assertThat(page.get("reportLinks").get(0).asText()).isEqualTo("/reports/" + scene.reportId());
            assertThat(page.get("scripts").asInt()).as("markup in texts stays text").isZero();
            assertThat(page.get("images").asInt()).isZero();
            assertThat(page.get("refresh").asText()).isEqualTo(String.valueOf(REFRESH_SECONDS));
            assertThat(page.get("cookieVisibleToScript").asBoolean()).as("the session cookie is HttpOnly").isFalse();
            assertThat(png).exists();
            assertThat(Files.size(png)).isGreaterThan(20_000);

            browser.evaluate("window.graygateMarker = 'before reload'; true");
            browser.waitUntil("window.graygateMarker === undefined && document.readyState === 'complete'"
                    + " && document.getElementById('decisions') !== null");
            assertThat(browser.evaluate("location.pathname").asText()).as("reloaded itself, still signed in").isEqualTo("/");

            browser.evaluate("document.querySelector('#reports a').click(); true");
            browser.waitUntil("location.pathname === '/reports/" + scene.reportId() + "' && document.readyState === 'complete'");
            assertThat(browser.evaluate("document.getElementById('decision').innerText").asText()).isEqualTo("ADVANCE");

            assertThat(browser.logged()).as("console messages, exceptions and browser log entries").isEmpty();
        }
    }
}
