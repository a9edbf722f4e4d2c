package io.graygate.reporting;

import org.junit.jupiter.api.Tag;
import io.graygate.release.statements.AttestationStore;
import io.graygate.platform.config.ConfigLoader;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.tools.demo.DemoResult;
import io.graygate.tools.demo.DemoRunner;
import io.graygate.tools.demo.TimelineEntry;
import io.graygate.decision.Evaluation;
import io.graygate.release.EventKind;
import io.graygate.release.ReleaseStore;
import io.graygate.rules.RuleLoader;
import io.graygate.platform.Database;
import io.graygate.testing.TestDatabase;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the decision meeting needs to see beyond the rules' verdict, from stored rows: the meeting's rulings
 * next to the recommendations (overrides marked), the lifecycle (starts, rollbacks), readiness statements,
 * and the audit chain as verify finds it. The demo's evaluations plus rulings, events and statements.
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("db")
class ReportMeetingTest {
    private Database db;
    private ReleaseConfig release;
    private DemoResult demo;
    private long rollbackId;
    private long advanceId;
    private long overriddenId;

    @BeforeAll
    void runDemoAndHoldTheMeetings(Database db, @TempDir Path dir) throws Exception {
        this.db = db;
        release = ConfigLoader.load(Path.of("config/release.yaml"));
        demo = new DemoRunner(db, release, RuleLoader.load(Path.of("rules"))).run(dir, line -> { });
        ReleaseStore store = new ReleaseStore(db.jdbi());
        new AttestationStore(db.jdbi()).record(release.name(), "gray_10pct", "grafana_dashboard", true, "sre on duty",
                "https://grafana/d/switch");
        store.append(release.name(), EventKind.STAGE_STARTED, "gray_10pct", 1, "alice", "readiness stated", false);
        store.append(release.name(), EventKind.ROLLED_BACK, null, null, "bob", "crash on day 2", false);
        store.append(release.name(), EventKind.STAGE_STARTED, "gray_10pct", 1, "alice", "crash fixed", false);
        rollbackId = on("gray_10pct", "2026-03-02").id();
        advanceId = on("gray_10pct", "2026-03-06").id();
        overriddenId = demo.timeline().stream().map(TimelineEntry::evaluation)
                .filter(e -> e.stage().equals("gray_50pct") && e.decision().name().equals("ADVANCE"))
                .reduce((a, b) -> b).orElseThrow().id();
        decide(store, rollbackId, true, "carol", "crash on ETHUSDT");
        decide(store, advanceId, true, "carol", "all conditions met");
        decide(store, overriddenId, false, "dave", "business feedback not yet in");
    }

    private static void decide(ReleaseStore store, long evaluationId, boolean approve, String by, String reason) {
        store.jdbi().useTransaction(h -> ReleaseStore.insertDecision(h, store.evaluation(evaluationId).orElseThrow(),
                approve, by, reason));
    }

    private Evaluation on(String stage, String day) {
        return demo.timeline().stream().map(TimelineEntry::evaluation)
                .filter(e -> e.stage().equals(stage) && e.asOf().equals(LocalDate.parse(day)))
                .reduce((a, b) -> b).orElseThrow();
    }

    private StageReport stage(long id) {
        return new StageReportLoader(db.jdbi()).load(id, release.stages().size());
    }

    private ReleaseReport wholeRelease() {
        return new ReleaseReportLoader(db.jdbi()).load(release, LocalDate.now(ZoneOffset.UTC));
    }

    private record Head(long length, String hash) {
    }

    private Head head() {
        return db.jdbi().withHandle(h -> h.createQuery(
                        "SELECT (SELECT count(*) FROM audit_chain) AS n, (SELECT hash FROM audit_chain ORDER BY seq DESC LIMIT 1) AS hash")
                .map((rs, ctx) -> new Head(rs.getLong("n"), rs.getString("hash"))).one());
    }

    @Test
    void stageReportShowsTheApprovalNextToTheRecommendationAndTheVerifiedChain() {
        StageReport report = stage(advanceId);
        Head head = head();
        long link = db.jdbi().withHandle(h -> h.createQuery(
                        "SELECT seq FROM audit_chain WHERE entity = 'evaluation' AND entity_id = :id")
                .bind("id", Long.toString(advanceId)).mapTo(Long.class).one());

        assertThat(report.meeting()).satisfies(m -> {
            assertThat(m.recommendation()).isEqualTo("ADVANCE");
            assertThat(m.approved()).isTrue();
            assertThat(m.by()).isEqualTo("carol");
            assertThat(m.reason()).isEqualTo("all conditions met");
        });
        ChainStatus chain = report.header().chain();
        assertThat(new ChainStatus(chain.intact(), chain.length(), chain.headHash(), chain.firstBreak(), chain.coveringSeq()))
                .isEqualTo(new ChainStatus(true, head.length(), head.hash(), "", link));
        assertThat(chain.checkpoint().shortForm()).as("the report carries the checkpoint it was built on")
                .isEqualTo(head.hash() + "@" + head.length());
        assertThat(chain.unkeyed()).as("no audit key in this test").isTrue();
        String md = StageReportRenderer.render(report, ReportFormat.md).text();
        assertThat(md).contains("audit chain intact: " + head.length() + " links, head " + head.hash()
                        + "; this evaluation is link " + link + "; built on checkpoint " + head.hash() + "@" + head.length()
                        + "; unkeyed chain: a database administrator can recompute it")
                .contains("Decision meeting: recommendation **ADVANCE**, **approved** by carol at " + report.meeting().at()
                        + ": all conditions met")
                .doesNotContain("OVERRIDE");
        assertThat(stage(on("gray_10pct", "2026-03-05").id()).meeting()).isNull();
    }

    @Test
    void anOverrideIsVisibleInEveryFormat() throws Exception {
        StageReport report = stage(overriddenId);
        String md = StageReportRenderer.render(report, ReportFormat.md).text();
        String html = StageReportRenderer.render(report, ReportFormat.html).text();
        String pdf = pdfText(StageReportRenderer.render(report, ReportFormat.pdf).content());
        List<CSVRecord> csv = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(StageReportRenderer.render(report, ReportFormat.csv).text())).getRecords();

        assertThat(report.meeting().override()).isTrue();
        for (String text : List.of(md, html, pdf)) {
            assertThat(text).contains("REJECTED (override), outcome HOLD", "OVERRIDE", "dave", "business feedback not yet in");
        }
        assertThat(html).contains("<p id=\"meeting\" class=\"override\">");
        assertThat(csv).filteredOn(r -> r.get("record").equals("meeting")).singleElement().satisfies(r -> {
            assertThat(r.get("name")).isEqualTo("REJECTED (override), outcome HOLD");
            assertThat(r.get("rule")).isEqualTo("dave");
            assertThat(r.get("detail")).startsWith("recommendation ADVANCE; at ").endsWith("; business feedback not yet in");
        });
        assertThat(csv).filteredOn(r -> r.get("record").equals("audit")).singleElement()
                .satisfies(r -> assertThat(r.get("name")).isEqualTo("intact"));
    }

    @Test
    void releaseReportListsRulingsRollbacksAndReadinessStatements() throws Exception {
        ReleaseReport report = wholeRelease();

        assertThat(report.decisions()).extracting(MeetingDecision::evaluationId)
                .containsExactly(rollbackId, advanceId, overriddenId);
        assertThat(report.decisions()).filteredOn(MeetingDecision::override).singleElement()
                .satisfies(d -> assertThat(d.stage()).isEqualTo("gray_50pct"));
        StageHistory first = report.stages().get(0);
        assertThat(first.lifecycle()).hasSize(3);
        assertThat(first.lifecycle().get(0)).startsWith("started at ").endsWith(" by alice: readiness stated");
        assertThat(first.lifecycle().get(1)).startsWith("ROLLED BACK at ").endsWith(" by bob: crash on day 2");
        assertThat(first.rulings()).hasSize(2).anySatisfy(r -> assertThat(r).startsWith("#" + rollbackId
                + " ROLLBACK approved by carol at "));
        assertThat(report.stages().get(1).rulings()).singleElement().asString()
                .startsWith("#" + overriddenId + " ADVANCE REJECTED (override), outcome HOLD by dave");
        assertThat(report.statements()).anySatisfy(a -> {
            assertThat(a.check()).isEqualTo("grafana_dashboard");
            assertThat(a.by()).isEqualTo("sre on duty");
        });
        assertThat(report.chain().intact()).isTrue();

        String md = ReleaseReportRenderer.render(report, ReportFormat.md).text();
        String html = ReleaseReportRenderer.render(report, ReportFormat.html).text();
        String pdf = pdfText(ReleaseReportRenderer.render(report, ReportFormat.pdf).content());
        String csv = ReleaseReportRenderer.render(report, ReportFormat.csv).text();
        for (String text : List.of(md, html, pdf, csv)) {
            assertThat(text).contains("REJECTED (override), outcome HOLD", "ROLLED BACK", "crash on day 2",
                    "audit chain intact: " + report.chain().length() + " links");
        }
        for (String text : List.of(md, html, pdf)) {
            assertThat(text).contains("1 override(s).", "grafana_dashboard", "sre on duty", "https://grafana/d/switch");
        }
        assertThat(md).contains("| #" + overriddenId + " | gray_50pct | ");
    }

    @Test
    void anEditedRowShowsAsABrokenChainWithoutChangingTheReportsSourceHash() {
        StageReport before = stage(advanceId);
        String beforeSource = StageReportRenderer.sourceSha256(before);
        long other = rollbackId;
        String original = db.jdbi().withHandle(h -> h.createQuery("SELECT engine_version FROM evaluation WHERE id = :id")
                .bind("id", other).mapTo(String.class).one());
        try {
            tamper(other, "edited-by-hand");
            StageReport after = stage(advanceId);

            assertThat(after.header().chain().intact()).isFalse();
            assertThat(after.header().chain().firstBreak()).startsWith("EDITED at seq ");
            assertThat(StageReportRenderer.render(after, ReportFormat.md).text()).contains("audit chain BROKEN: EDITED at seq ");
            assertThat(StageReportRenderer.sourceSha256(after)).isEqualTo(beforeSource);
            assertThat(wholeRelease().chain().intact()).isFalse();
        } finally {
            tamper(other, original);
        }
        assertThat(stage(advanceId).header().chain().intact()).isTrue();
    }

    /** Sets another evaluation's engine version past the append-only trigger, as only a superuser can. */
    private void tamper(long evaluationId, String engineVersion) {
        db.jdbi().useTransaction(h -> {
            h.execute("SET LOCAL session_replication_role = replica");
            h.createUpdate("UPDATE evaluation SET engine_version = :v WHERE id = :id")
                    .bind("v", engineVersion).bind("id", evaluationId).execute();
        });
    }

    private static String pdfText(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
    }
}
