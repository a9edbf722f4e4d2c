package io.graygate.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.graygate.release.statements.AttestationStore;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.platform.config.Role;
import io.graygate.platform.config.ServiceToken;
import io.graygate.platform.config.StageConfig;
import io.graygate.facts.Attestation;
import io.graygate.release.problems.Problem;
import io.graygate.release.problems.ProblemStore;
import io.graygate.release.ReleaseStore;
import io.graygate.reporting.RenderedReport;
import io.graygate.reporting.ReportArchive;
import io.graygate.reporting.ReportBuilder;
import io.graygate.reporting.ReportFormat;
import io.graygate.reporting.StoredReport;
import io.graygate.platform.Database;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the decision meeting reads and states, over HTTP: stored reports (built on request, served as stored),
 * people's statements (the same validation as {@code graygate attest}) and the problem log.
 */
final class MeetingRoutes {
    private static final int MAX_LIST = 500;
    /** Report HTML is served as stored; this policy keeps it from running scripts or fetching anything. */
    static final String REPORT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";
    private static final Set<Role> REPORT_BUILDERS = Set.of(Role.ANALYST, Role.OPERATOR);

    private final ReleaseConfig release;
    private final ReportArchive archive;
    private final ReportBuilder builder;
    private final ReleaseStore releases;
    private final AttestationStore attestations;
    private final ProblemStore problems;

    MeetingRoutes(ReleaseConfig release, Database db) {
        this.release = release;
        this.archive = new ReportArchive(db.jdbi());
        this.builder = new ReportBuilder(db.jdbi(), release);
        this.releases = new ReleaseStore(db.jdbi());
        this.attestations = new AttestationStore(db.jdbi());
        this.problems = new ProblemStore(db.jdbi());
    }

    void register(Javalin app) {
        app.get("/api/reports", this::listReports, Access.VIEWER);
        app.get("/api/reports/{id}", ctx -> serveReport(ctx, archive, numberParam(ctx, "report")), Access.VIEWER);
        // analyst or operator: the route admits any reader, createReport checks the role
        app.post("/api/reports", this::createReport, Access.VIEWER);
        app.get("/api/attestations", this::listAttestations, Access.VIEWER);
        app.post("/api/attestations", this::attest, Access.OPERATOR);
        app.get("/api/problems", this::listProblems, Access.VIEWER);
    }

    private void listReports(Context ctx) {
        ApiServer.json(ctx, 200, archive.list(release.name(), limit(ctx)).stream().map(MeetingRoutes::describe).toList());
    }

    /** The stored bytes as their format's media type; HTML is served directly, under a policy that allows no script. */
    static void serveReport(Context ctx, ReportArchive archive, long id) {
        StoredReport report = archive.find(id).orElseThrow(() -> new ApiException(404, "no report #" + id));
        byte[] content = archive.content(id).orElseThrow(() -> new ApiException(404, "no report #" + id));
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Report-SHA256", report.sha256());
        if (report.format() == ReportFormat.html) {
            ctx.header("Content-Security-Policy", REPORT_POLICY);
        } else {
            ctx.header("Content-Disposition", "inline; filename=\"" + fileName(report) + "\"");
        }
        ctx.status(200).contentType(report.format().contentType()).result(content);
    }

    private void createReport(Context ctx) {
        ServiceToken token = ctx.attribute(TokenAuth.TOKEN_ATTRIBUTE);
        if (token == null || !REPORT_BUILDERS.contains(token.role())) {
            throw new ApiException(403, "token '" + (token == null ? "?" : token.name()) + "' has role "
                    + (token == null ? "none" : token.role().name().toLowerCase()) + "; this call needs analyst or operator");
        }
        JsonNode body = Routes.body(ctx);
        ReportFormat format = format(body.get("format"));
        RenderedReport report = render(body, format);
        long id = archive.store(report, TokenAuth.actor(ctx));
        ApiServer.json(ctx, 201, describe(archive.find(id).orElseThrow()));
    }

    private RenderedReport render(JsonNode body, ReportFormat format) {
        JsonNode evaluation = body.get("evaluation");
        boolean wholeRelease = body.path("release").asBoolean(false);
        if ((evaluation == null) == !wholeRelease) {
            throw new ApiException(400, "body needs either \"evaluation\": ID or \"release\": true");
        }
        if (wholeRelease) {
            return builder.release(asOf(body.get("asOf")), format);
        }
        if (body.has("asOf")) {
            throw new ApiException(400, "asOf: only for the release report; an evaluation report is as of its evaluation");
        }
        if (!evaluation.canConvertToLong() || !evaluation.isIntegralNumber()) {
            throw new ApiException(400, "evaluation: expected an evaluation id (a whole number), got " + evaluation);
        }
        long id = evaluation.asLong();
        if (releases.evaluation(id).isEmpty()) {
            throw new ApiException(404, "no evaluation #" + id);
        }
        return builder.evaluation(id, format);
    }

    private static ReportFormat format(JsonNode node) {
        if (node == null) {
            return ReportFormat.html;
        }
        List<String> names = Arrays.stream(ReportFormat.values()).map(Enum::name).toList();
        if (!node.isTextual() || !names.contains(node.asText())) {
            throw new ApiException(400, "format: expected one of " + names + ", got " + node);
        }
        return ReportFormat.valueOf(node.asText());
    }

    private static LocalDate asOf(JsonNode node) {
        if (node == null) {
            return LocalDate.now(ZoneOffset.UTC);
        }
        try {
            return LocalDate.parse(node.asText());
        } catch (DateTimeParseException e) {
            throw new ApiException(400, "asOf: expected a date YYYY-MM-DD, got " + node);
        }
    }

    private static Map<String, Object> describe(StoredReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("kind", r.kind());
        m.put("format", r.format().name());
        m.put("sha256", r.sha256());
        m.put("sourceSha256", r.sourceSha256());
        m.put("asOf", r.asOf());
        m.put("evaluationIds", r.evaluationIds());
        m.put("exportedBy", r.exportedBy());
        m.put("created", r.createdAt());
        m.put("url", "/api/reports/" + r.id());
        return m;
    }

    private static String fileName(StoredReport r) {
        String subject = r.kind().equals("release") ? "GRAY_RELEASE_REPORT_" + r.asOf() : "evaluation-" + r.evaluationIds().get(0);
        return subject + "." + r.format().name();
    }

    private void listAttestations(Context ctx) {
        String stage = ctx.queryParam("stage");
        List<Attestation> list = stage == null ? attestations.history(release.name())
                : attestations.current(release.name(), stageName(stage));
        ApiServer.json(ctx, 200, list);
    }

    private void attest(Context ctx) {
        JsonNode body = Routes.body(ctx);
        String stage = stageName(requiredText(body, "stage"));
        String check = requiredText(body, "check");
        if (!AttestationStore.CHECK.matcher(check).matches()) {
            throw new ApiException(400, "check: must be lower-case letters, digits and _, got '" + check + "'");
        }
        boolean value = yesNo(body.get("value"));
        String note = body.path("note").asText("");
        String person = body.path("by").asText("").strip();
        String by = person.isEmpty() ? TokenAuth.actor(ctx) : person + " via " + TokenAuth.actor(ctx);
        ApiServer.json(ctx, 201, attestations.record(release.name(), stage, check, value, by, note));
    }

    /** A configured stage's name, or "release" for statements about the release as a whole (V10-V12). */
    private String stageName(String stage) {
        if (AttestationStore.RELEASE_STAGE.equals(stage)) {
            return stage;
        }
        return release.stage(stage).map(StageConfig::name).orElseThrow(() -> new ApiException(400, "stage: no stage named '"
                + stage + "'; expected one of " + release.stages().stream().map(StageConfig::name).toList() + " or release"));
    }

    private static boolean yesNo(JsonNode value) {
        if (value != null && value.isBoolean()) {
            return value.asBoolean();
        }
        if (value != null && value.isTextual() && Set.of("yes", "no").contains(value.asText())) {
            return value.asText().equals("yes");
        }
        throw new ApiException(400, "value: expected true, false, \"yes\" or \"no\", got " + value);
    }

    private static String requiredText(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new ApiException(400, field + ": required, a non-empty text");
        }
        return node.asText().strip();
    }

    private void listProblems(Context ctx) {
        String open = ctx.queryParamAsClass("open", String.class).getOrDefault("false");
        if (!Set.of("true", "false").contains(open)) {
            throw new ApiException(400, "open: expected true or false, got '" + open + "'");
        }
        ApiServer.json(ctx, 200, problems.list(release.name(), open.equals("true")).stream().map(MeetingRoutes::problem).toList());
    }

    private static Map<String, Object> problem(Problem p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("open", p.open());
        m.put("stage", p.stage());
        m.put("symbol", p.symbol());
        m.put("metric", p.metric());
        m.put("code", p.code());
        m.put("severity", p.severity().name());
        m.put("title", p.title());
        m.put("origin", p.origin());
        m.put("openedBy", p.openedBy());
        m.put("openedAt", p.openedAt());
        m.put("firstSeen", p.firstSeen());
        m.put("lastSeen", p.lastSeen());
        m.put("sightings", p.sightings());
        m.put("resolution", p.resolution());
        return m;
    }

    private static int limit(Context ctx) {
        String text = ctx.queryParam("limit");
        try {
            int limit = text == null ? 50 : Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIST) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new ApiException(400, "limit: expected a number from 1 to " + MAX_LIST + ", got '" + text + "'");
    }

    static long numberParam(Context ctx, String what) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new ApiException(400, what + " id must be a number, got '" + ctx.pathParam("id") + "'");
        }
    }
}
