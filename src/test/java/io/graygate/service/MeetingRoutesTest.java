package io.graygate.service;

import org.junit.jupiter.api.Tag;
import io.graygate.service.TestServer.Reply;
import io.graygate.release.Releases;
import io.graygate.reporting.ReportArchive;
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

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** Reports, people's statements and the problem log over HTTP: roles, bodies, stored rows, JSON errors. */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("db")
class MeetingRoutesTest {
    private Database db;
    private TestServer server;
    private MeetingFixture.Scene scene;

    @BeforeAll
    void start(Database database) {
        db = database;
        scene = MeetingFixture.build(db.jdbi(), Releases.fresh());
        server = new TestServer(db, scene.release());
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private String evaluationReport() {
        return "{\"evaluation\": " + scene.advanceId() + ", \"format\": \"md\"}";
    }

    @ParameterizedTest(name = "{0} {1} as {2} -> {3}")
    @CsvSource({
            "GET,  /api/reports,      ,                401",
            "GET,  /api/reports,      viewer-secret,   200",
            "GET,  /api/reports,      ingest-secret,   403",
            "GET,  /api/reports/ID,   ,                401",
            "GET,  /api/reports/ID,   viewer-secret,   200",
            "GET,  /api/reports/ID,   ingest-secret,   403",
            "POST, /api/reports,      ,                401",
            "POST, /api/reports,      viewer-secret,   403",
            "POST, /api/reports,      ingest-secret,   403",
            "POST, /api/reports,      analyst-secret,  201",
            "POST, /api/reports,      operator-secret, 201",
            "GET,  /api/attestations, viewer-secret,   200",
            "GET,  /api/attestations, ingest-secret,   403",
            "POST, /api/attestations, ,                401",
            "POST, /api/attestations, viewer-secret,   403",
            "POST, /api/attestations, analyst-secret,  403",
            "POST, /api/attestations, operator-secret, 201",
            "GET,  /api/problems,     ,                401",
            "GET,  /api/problems,     viewer-secret,   200",
            "GET,  /api/problems,     ingest-secret,   403",
    })
    void eachRoleGetsExactlyItsEndpoints(String method, String path, String token, int expected) throws Exception {
        String body = switch (path) {
            case "/api/reports" -> evaluationReport();
            case "/api/attestations" -> "{\"stage\": \"gray_10pct\", \"check\": \"team_agrees\", \"value\": true}";
            default -> null;
        };
        Reply reply = server.call(method, path.replace("ID", String.valueOf(scene.reportId())), token,
                method.equals("POST") ? body : null);

        assertThat(reply.status()).as(reply.body()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(reply.json().get("status").asInt()).isEqualTo(expected);
            assertThat(reply.json().get("error").asText()).isNotBlank();
        }
    }

    @Test
    void aReportBuiltOnRequestIsStoredAuditedAndServedByteForByte() throws Exception {
        Reply created = server.call("POST", "/api/reports", "analyst-secret",
                "{\"evaluation\": " + scene.advanceId() + ", \"format\": \"html\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        String sha = created.json().get("sha256").asText();

        Reply served = server.call("GET", "/api/reports/" + id, "viewer-secret", null);

        assertThat(created.json().get("kind").asText()).isEqualTo("evaluation");
        assertThat(created.json().get("format").asText()).isEqualTo("html");
        assertThat(created.json().get("evaluationIds").get(0).asLong()).isEqualTo(scene.advanceId());
        assertThat(created.json().get("url").asText()).isEqualTo("/api/reports/" + id);
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.header("Content-Type")).startsWith("text/html");
        assertThat(served.header("Content-Security-Policy")).contains("default-src 'none'").contains("sandbox");
        assertThat(served.header("X-Report-SHA256")).isEqualTo(sha);
        assertThat(sha256(served.bytes())).isEqualTo(sha);
        assertThat(served.body()).contains("<html").contains("ADVANCE");
        var row = db.jdbi().withHandle(h -> h.createQuery(
                        "SELECT exported_by, path, sha256, format, kind FROM report_export WHERE id = :id")
                .bind("id", id).mapToMap().one());
        assertThat(row).containsEntry("exported_by", "token:analyst-1").containsEntry("path", ReportArchive.KEPT_IN_DATABASE)
                .containsEntry("sha256", sha).containsEntry("format", "html").containsEntry("kind", "evaluation");
    }

    @ParameterizedTest(name = "release report as {0} is served as {1}")
    @CsvSource({"pdf, application/pdf", "csv, text/csv", "md, text/markdown"})
    void theReleaseReportIsServedWithItsFormatsMediaType(String format, String contentType) throws Exception {
        Reply created = server.call("POST", "/api/reports", "operator-secret",
                "{\"release\": true, \"asOf\": \"2030-01-01\", \"format\": \"" + format + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        Reply served = server.call("GET", "/api/reports/" + created.json().get("id").asLong(), "viewer-secret", null);

        assertThat(created.json().get("kind").asText()).isEqualTo("release");
        assertThat(created.json().get("exportedBy").asText()).isEqualTo("token:operator-1");
        assertThat(served.header("Content-Type")).startsWith(contentType);
        assertThat(served.header("Content-Disposition")).contains("GRAY_RELEASE_REPORT_2030-01-01." + format);
        assertThat(sha256(served.bytes())).isEqualTo(created.json().get("sha256").asText());
        if (format.equals("pdf")) {
            assertThat(new String(served.bytes(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        }
    }

    @Test
    void storedReportsAreListedNewestFirstWithTheirHashes() throws Exception {
        Reply created = server.call("POST", "/api/reports", "analyst-secret", evaluationReport());

        Reply list = server.call("GET", "/api/reports?limit=500", "viewer-secret", null);

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get(0).get("id").asLong()).isEqualTo(created.json().get("id").asLong());
        assertThat(list.json().get(0).get("sha256").asText()).isEqualTo(created.json().get("sha256").asText());
        assertThat(list.json().get(0).get("format").asText()).isEqualTo("md");
        assertThat(list.json().get(0).get("created").asText()).isNotBlank();
        assertThat(list.json().findValuesAsText("id")).contains(String.valueOf(scene.reportId()));
        assertThat(server.call("GET", "/api/reports?limit=0", "viewer-secret", null).json().get("error").asText())
                .startsWith("limit:");
    }

    @ParameterizedTest(name = "{0} -> {1} naming {2}")
    @CsvSource(delimiter = '|', value = {
            "{\"evaluation\": 1, \"format\": \"docx\"}                  | 400 | format:",
            "{\"format\": \"html\"}                                     | 400 | \"evaluation\": ID or \"release\": true",
            "{\"evaluation\": 1, \"release\": true}                     | 400 | \"evaluation\": ID or \"release\": true",
            "{\"evaluation\": \"abc\"}                                  | 400 | evaluation:",
            "{\"evaluation\": 999999}                                   | 404 | no evaluation #999999",
            "{\"release\": true, \"asOf\": \"yesterday\"}               | 400 | asOf:",
            "[1, 2]                                                     | 400 | JSON object",
    })
    void aBadReportRequestIsAJsonErrorNamingTheField(String body, int status, String message) throws Exception {
        long before = reportRows();

        Reply reply = server.call("POST", "/api/reports", "analyst-secret", body);

        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.json().get("error").asText()).contains(message);
        assertThat(reportRows()).isEqualTo(before);
    }

    @Test
    void unknownReportsAre404AndBadIds400() throws Exception {
        Reply missing = server.call("GET", "/api/reports/999999", "viewer-secret", null);
        Reply bad = server.call("GET", "/api/reports/abc", "viewer-secret", null);

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error").asText()).isEqualTo("no report #999999");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").asText()).contains("report id must be a number");
    }

    @Test
    void aStatementIsRecordedWithThePersonAndTheTokenAndListed() throws Exception {
        Reply stated = server.call("POST", "/api/attestations", "operator-secret", """
                {"stage": "gray_10pct", "check": "business_feedback_positive", "value": "yes", "by": "dana",
                 "note": "desk happy"}""");
        Reply release = server.call("POST", "/api/attestations", "operator-secret",
                "{\"stage\": \"release\", \"check\": \"training_done\", \"value\": false}");

        assertThat(stated.status()).as(stated.body()).isEqualTo(201);
        assertThat(stated.json().get("by").asText()).isEqualTo("dana via token:operator-1");
        assertThat(release.json().get("by").asText()).isEqualTo("token:operator-1");
        var row = db.jdbi().withHandle(h -> h.createQuery("""
                        SELECT stage, value, stated_by, note FROM attestation
                        WHERE release = :release AND check_name = 'business_feedback_positive'""")
                .bind("release", scene.release().name()).mapToMap().one());
        assertThat(row).containsEntry("stage", "gray_10pct").containsEntry("value", true)
                .containsEntry("stated_by", "dana via token:operator-1").containsEntry("note", "desk happy");

        Reply all = server.call("GET", "/api/attestations", "viewer-secret", null);
        Reply inForce = server.call("GET", "/api/attestations?stage=release", "viewer-secret", null);
        assertThat(all.json().findValuesAsText("check")).contains("business_feedback_positive", "training_done");
        assertThat(inForce.json().findValuesAsText("check")).containsExactly("training_done");
        assertThat(inForce.json().get(0).get("value").asBoolean()).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"stage\": \"gray_99\", \"check\": \"x\", \"value\": true}       | stage: no stage named 'gray_99'",
            "{\"stage\": \"gray_10pct\", \"check\": \"Bad-Check\", \"value\": true} | check: must be lower-case",
            "{\"stage\": \"gray_10pct\", \"value\": true}                       | check: required",
            "{\"stage\": \"gray_10pct\", \"check\": \"x\", \"value\": \"maybe\"} | value: expected true, false",
            "{\"check\": \"x\", \"value\": true}                                | stage: required",
    })
    void aBadStatementIsRefusedNamingTheFieldAndNothingIsStored(String body, String message) throws Exception {
        long before = statementRows();

        Reply reply = server.call("POST", "/api/attestations", "operator-secret", body);

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json().get("error").asText()).startsWith(message);
        assertThat(statementRows()).isEqualTo(before);
    }

    @Test
    void theProblemLogListsOpenProblemsOrAll() throws Exception {
        Reply open = server.call("GET", "/api/problems?open=true", "viewer-secret", null);
        Reply all = server.call("GET", "/api/problems", "viewer-secret", null);

        assertThat(open.status()).isEqualTo(200);
        assertThat(open.json()).hasSize(1);
        assertThat(open.json().get(0).get("id").asLong()).isEqualTo(scene.problemId());
        assertThat(open.json().get(0).get("title").asText()).isEqualTo(MeetingFixture.PROBLEM_TITLE);
        assertThat(open.json().get(0).get("severity").asText()).isEqualTo("CRITICAL");
        assertThat(open.json().get(0).get("open").asBoolean()).isTrue();
        assertThat(all.json()).hasSize(2);
        assertThat(all.json().get(1).get("open").asBoolean()).isFalse();
        assertThat(all.json().get(1).at("/resolution/solution").asText()).isEqualTo("restarted");
        assertThat(server.call("GET", "/api/problems?open=maybe", "viewer-secret", null).status()).isEqualTo(400);
    }

    private long statementRows() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM attestation").mapTo(Long.class).one());
    }

    private long reportRows() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM report_export").mapTo(Long.class).one());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
