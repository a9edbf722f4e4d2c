package io.graygate.service;

import org.junit.jupiter.api.Tag;
import io.graygate.service.TestServer.Reply;
import io.graygate.platform.config.Role;
import io.graygate.platform.config.ServiceToken;
import io.graygate.release.Releases;
import io.graygate.platform.Database;
import io.graygate.testing.MeetingFixture;
import io.graygate.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The web page over plain HTTP: sign-in, the session cookie, what the page shows and how it escapes it. */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("db")
class PageRoutesTest {
    private static final Map<String, String> FORM = Map.of("Content-Type", "application/x-www-form-urlencoded");

    private TestServer server;
    private MeetingFixture.Scene scene;

    @BeforeAll
    void start(Database db) {
        scene = MeetingFixture.build(db.jdbi(), Releases.fresh());
        server = new TestServer(db, scene.release());
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private Reply signIn(String token, Map<String, String> headers) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(FORM);
        all.putAll(headers);
        return server.browser("POST", "/session", null, all, "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    /** Signs in as the viewer and returns the Cookie header a browser would send. */
    private String session() throws Exception {
        Reply reply = signIn("viewer-secret", Map.of());
        assertThat(reply.status()).as(reply.body()).isEqualTo(303);
        String setCookie = reply.header("Set-Cookie");
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    @Test
    void withoutASessionThePagesRedirectToTheSignInForm() throws Exception {
        Reply page = server.browser("GET", "/", null, Map.of(), null);
        Reply report = server.browser("GET", "/reports/" + scene.reportId(), null, Map.of(), null);
        Reply forged = server.browser("GET", "/", PageRoutes.COOKIE + "=made-up", Map.of(), null);
        Reply form = server.browser("GET", "/login", null, Map.of(), null);

        assertThat(page.status()).isEqualTo(303);
        assertThat(page.header("Location")).isEqualTo("/login");
        assertThat(report.status()).isEqualTo(303);
        assertThat(forged.status()).isEqualTo(303);
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("<form method=\"post\" action=\"/session\">").contains("name=\"token\"")
                .doesNotContain("<script");
        assertThat(form.header("Content-Security-Policy")).contains("default-src 'none'").doesNotContain("script-src");
    }

    @Test
    void aViewerTokenOpensAnHttpOnlyStrictSessionCookie() throws Exception {
        Reply reply = signIn("viewer-secret", Map.of("Origin", server.url("")));

        assertThat(reply.status()).isEqualTo(303);
        assertThat(reply.header("Location")).isEqualTo("/");
        String cookie = reply.header("Set-Cookie");
        assertThat(cookie).startsWith(PageRoutes.COOKIE + "=").contains("; Path=/").contains("; HttpOnly")
                .contains("; SameSite=Strict").contains("; Max-Age=3600").doesNotContain("viewer-secret");
        String id = cookie.substring(PageRoutes.COOKIE.length() + 1, cookie.indexOf(';'));
        assertThat(id).matches("[A-Za-z0-9_-]{43}");
    }

    @ParameterizedTest(name = "token {0} -> {1}")
    @CsvSource({"wrong-secret, 401, That token is not accepted.",
            "ingest-secret, 403, Token 'pusher-1' has role ingest; the page needs viewer, analyst or operator.",
            "analyst-secret, 303, ", "operator-secret, 303, "})
    void onlyReadingRolesMaySignIn(String token, int status, String problem) throws Exception {
        Reply reply = signIn(token, Map.of());

        assertThat(reply.status()).isEqualTo(status);
        if (problem != null) {
            assertThat(reply.body()).contains(problem.replace("'", "&#39;"));
            assertThat(reply.header("Set-Cookie")).isNull();
        }
    }

    @Test
    void aFormPostedFromAnotherSiteIsRefused() throws Exception {
        Reply otherOrigin = signIn("viewer-secret", Map.of("Origin", "http://evil.example"));
        Reply otherSite = signIn("viewer-secret", Map.of("Sec-Fetch-Site", "cross-site"));

        assertThat(otherOrigin.status()).isEqualTo(403);
        assertThat(otherOrigin.header("Set-Cookie")).isNull();
        assertThat(otherSite.status()).isEqualTo(403);
    }

    @Test
    void thePageShowsStageDecisionsWithReasonsProblemsAndReportsAndReloadsItself() throws Exception {
        Reply page = server.browser("GET", "/", session(), Map.of(), null);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        String html = page.body();
        assertThat(html).contains("<meta http-equiv=\"refresh\" content=\"" + TestServer.REFRESH_SECONDS + "\">")
                .contains(scene.release().name())
                .contains("stage 1: gray_10pct")
                .contains("awaiting decision")
                .contains("Started " + java.time.LocalDate.now(ZoneOffset.UTC)).contains("by alice: prerequisites met")
                .contains("the decision meeting has to rule on evaluation #" + scene.advanceId())
                .contains(MeetingFixture.ROLLBACK_REASON)
                .contains(MeetingFixture.HOLD_REASON)
                .contains("condition 1 met").contains("and 2 more")
                .contains("approved by bob")
                .contains("no ruling by the decision meeting yet")
                .contains("href=\"/reports/" + scene.reportId() + "\"")
                .contains("ETHUSDT")
                .contains("signed in as viewer-1");
        assertThat(html).as("votes that did not cast the decision are not reasons")
                .doesNotContain("informational alert").doesNotContain("uptime_ratio = 0.9995");
        assertThat(html).as("resolved problems are not open").doesNotContain("fixed problem that must not show");
    }

    @Test
    void aReleaseWithNothingYetSaysSoInEachSection(Database db) throws Exception {
        try (TestServer empty = new TestServer(db, Releases.fresh())) {
            Reply signedIn = empty.browser("POST", "/session", null, FORM, "token=viewer-secret");
            String cookie = signedIn.header("Set-Cookie").substring(0, signedIn.header("Set-Cookie").indexOf(';'));

            String html = empty.browser("GET", "/", cookie, Map.of(), null).body();

            assertThat(html).contains("<span class=\"stage\" id=\"stage\">baseline</span>")
                    .contains("No stage started: every symbol runs the baseline.")
                    .contains("No evaluation stored yet.").contains("No open problem.").contains("No stored report.")
                    .contains("0 of 20 symbols run the dynamic mode");
        }
    }

    @Test
    void markupInReasonsSymbolsAndTitlesIsShownAsText() throws Exception {
        String html = server.browser("GET", "/", session(), Map.of(), null).body();

        assertThat(html).doesNotContain("<script").doesNotContain("<img");
        assertThat(html).contains("&lt;script&gt;alert(&#39;ruling&#39;)&lt;/script&gt; wait for the full window")
                .contains("&lt;script&gt;alert(&#39;symbol&#39;)&lt;/script&gt;")
                .contains("param update deadlock &lt;img src&#61;x onerror&#61;alert(1)&gt;");
    }

    @Test
    void theSessionOpensTheReportsButNotTheApi() throws Exception {
        String cookie = session();

        Reply report = server.browser("GET", "/reports/" + scene.reportId(), cookie, Map.of(), null);
        Reply api = server.browser("GET", "/api/state", cookie, Map.of(), null);

        assertThat(report.status()).isEqualTo(200);
        assertThat(report.header("Content-Type")).startsWith("text/html");
        assertThat(report.header("Content-Security-Policy")).contains("sandbox");
        assertThat(report.body()).contains("ADVANCE");
        assertThat(api.status()).isEqualTo(401);
    }

    @Test
    void signingOutEndsTheSession() throws Exception {
        String cookie = session();

        Reply out = server.browser("POST", "/logout", cookie, Map.of(), null);
        Reply after = server.browser("GET", "/", cookie, Map.of(), null);

        assertThat(out.status()).isEqualTo(303);
        assertThat(out.header("Location")).isEqualTo("/login");
        assertThat(out.header("Set-Cookie")).contains("Max-Age=0");
        assertThat(after.status()).isEqualTo(303);
    }

    @Test
    void aSessionEndsAfterItsLifetime() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
        BrowserSessions sessions = new BrowserSessions(Duration.ofHours(12), clock);
        ServiceToken viewer = new ServiceToken("viewer-1", Role.VIEWER, "0".repeat(64));
        String id = sessions.open(viewer);

        clock.now = clock.now.plus(Duration.ofHours(12)).minusSeconds(1);
        assertThat(sessions.find(id)).contains(viewer);
        assertThat(sessions.find(id + "x")).isEmpty();
        clock.now = clock.now.plusSeconds(1);
        assertThat(sessions.find(id)).isEmpty();
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
