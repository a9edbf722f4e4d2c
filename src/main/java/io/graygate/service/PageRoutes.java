package io.graygate.service;

import io.graygate.platform.config.PageSettings;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.platform.config.Role;
import io.graygate.platform.config.ServiceToken;
import io.graygate.reporting.DashboardLoader;
import io.graygate.reporting.DashboardPage;
import io.graygate.reporting.ReportArchive;
import io.graygate.platform.Database;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;

/**
 * The web page at {@code /} and its sign-in. Browsers cannot send bearer headers, so a viewer (or analyst,
 * operator) token is posted once to {@code /session}, which answers with an HttpOnly, SameSite=Strict cookie
 * holding a random session id (see {@link BrowserSessions}). The cookie opens only these pages, never
 * {@code /api}: nothing a cookie can reach changes state, apart from signing in and out, which refuse
 * cross-site posts.
 */
final class PageRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(PageRoutes.class);
    static final String COOKIE = "graygate_session";
    /** No script, no fetch: styles are inline, the icon is empty, the page reloads itself with a meta refresh. */
    private static final String PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";
    private static final int DECISIONS_SHOWN = 8;
    private static final int REPORTS_SHOWN = 10;

    private final ReleaseConfig release;
    private final TokenAuth auth;
    private final PageSettings settings;
    private final BrowserSessions sessions;
    private final DashboardLoader dashboard;
    private final ReportArchive archive;

    PageRoutes(ReleaseConfig release, Database db, TokenAuth auth, PageSettings settings) {
        this.release = release;
        this.auth = auth;
        this.settings = settings;
        this.sessions = new BrowserSessions(settings.sessionTtl(), Clock.systemUTC());
        this.dashboard = new DashboardLoader(db.jdbi(), release);
        this.archive = new ReportArchive(db.jdbi());
    }

    void register(Javalin app) {
        app.get("/", this::dashboard, Access.PUBLIC);
        app.get("/login", this::loginForm, Access.PUBLIC);
        app.post("/session", this::signIn, Access.PUBLIC);
        app.post("/logout", this::signOut, Access.PUBLIC);
        app.get("/reports/{id}", this::report, Access.PUBLIC);
    }

    private void dashboard(Context ctx) {
        Optional<ServiceToken> viewer = signedIn(ctx);
        if (viewer.isEmpty()) {
            ctx.redirect("/login", HttpStatus.SEE_OTHER);
            return;
        }
        html(ctx, 200, DashboardPage.dashboard(dashboard.load(DECISIONS_SHOWN, REPORTS_SHOWN), settings.refreshSeconds(),
                viewer.get().name()));
    }

    private void report(Context ctx) {
        if (signedIn(ctx).isEmpty()) {
            ctx.redirect("/login", HttpStatus.SEE_OTHER);
            return;
        }
        MeetingRoutes.serveReport(ctx, archive, MeetingRoutes.numberParam(ctx, "report"));
    }

    private void loginForm(Context ctx) {
        if (signedIn(ctx).isPresent()) {
            ctx.redirect("/", HttpStatus.SEE_OTHER);
            return;
        }
        html(ctx, 200, DashboardPage.login(release.name(), null));
    }

    private void signIn(Context ctx) {
        if (crossSite(ctx)) {
            html(ctx, 403, DashboardPage.login(release.name(), "Sign-in refused: the form was posted from another site."));
            return;
        }
        String secret = ctx.formParam("token");
        Optional<ServiceToken> token = secret == null || secret.isBlank() ? Optional.empty() : auth.bySecret(secret);
        if (token.isEmpty()) {
            html(ctx, 401, DashboardPage.login(release.name(), "That token is not accepted."));
            return;
        }
        if (!token.get().role().permits(Role.VIEWER)) {
            html(ctx, 403, DashboardPage.login(release.name(), "Token '" + token.get().name() + "' has role "
                    + token.get().role().name().toLowerCase() + "; the page needs viewer, analyst or operator."));
            return;
        }
        String id = sessions.open(token.get());
        LOG.info("web page: token:{} signed in", token.get().name());
        ctx.header("Set-Cookie", cookie(ctx, id, sessions.lifetime().toSeconds()));
        ctx.redirect("/", HttpStatus.SEE_OTHER);
    }

    private void signOut(Context ctx) {
        if (crossSite(ctx)) {
            throw new ApiException(403, "sign-out refused: the form was posted from another site");
        }
        sessions.close(ctx.cookie(COOKIE));
        ctx.header("Set-Cookie", cookie(ctx, "", 0));
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
    }

    private Optional<ServiceToken> signedIn(Context ctx) {
        return sessions.find(ctx.cookie(COOKIE)).filter(t -> t.role().permits(Role.VIEWER));
    }

    /**
     * A browser names where a form was posted from (Origin, Sec-Fetch-Site); refuse any other site. Clients that
     * send neither are not browsers and cannot be made to post by another site.
     */
    private static boolean crossSite(Context ctx) {
        String fetchSite = ctx.header("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
            return true;
        }
        String origin = ctx.header("Origin");
        if (origin == null) {
            return false;
        }
        try {
            String authority = URI.create(origin).getRawAuthority();
            return authority == null || !authority.equalsIgnoreCase(ctx.host());
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private static String cookie(Context ctx, String value, long maxAgeSeconds) {
        boolean https = "https".equalsIgnoreCase(ctx.scheme())
                || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
        return COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
                + (https ? "; Secure" : "");
    }

    private static void html(Context ctx, int status, String page) {
        ctx.header("Content-Security-Policy", PAGE_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        // not no-referrer: under it a browser sends "Origin: null" with the sign-in form, which crossSite refuses
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("Cache-Control", "no-store");
        ctx.status(status).contentType("text/html; charset=utf-8").result(page);
    }
}
