package io.graygate.reporting;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;

import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The web page's HTML, from the Mustache templates in src/main/resources/io/graygate/reporting/dashboard. Every value is
 * HTML-escaped by Mustache; the pages carry no script (the dashboard reloads itself with a meta refresh).
 */
public final class DashboardPage {
    private static final DefaultMustacheFactory TEMPLATES = new DefaultMustacheFactory("io/graygate/reporting/dashboard");

    private DashboardPage() {
    }

    /** The dashboard for a signed-in viewer; it reloads itself after {@code refreshSeconds}. */
    public static String dashboard(Dashboard dashboard, int refreshSeconds, String viewer) {
        Map<String, Object> scope = DashboardView.of(dashboard);
        scope.put("refreshSeconds", refreshSeconds);
        scope.put("viewer", viewer);
        return render("dashboard.mustache", scope);
    }

    /** The sign-in form, with why the last attempt failed when it did. */
    public static String login(String release, String problem) {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("release", release);
        scope.put("problem", problem);
        return render("login.mustache", scope);
    }

    private static String render(String template, Object scope) {
        Mustache mustache = TEMPLATES.compile(template);
        StringWriter out = new StringWriter();
        mustache.execute(out, scope);
        return out.toString();
    }
}
