package io.graygate.intake.prometheus;

import org.junit.jupiter.api.Tag;
import io.graygate.tools.cli.Main;
import io.graygate.platform.config.ConfigLoader;
import io.graygate.platform.config.MetricCatalogue;
import io.graygate.intake.Ingester;
import io.graygate.platform.Database;
import io.graygate.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pulls from a real Prometheus holding backfilled series: three symbols of {@code strategy_activity_score}
 * (one NaN among them) and one {@code process_resident_memory_bytes}, three hours at one-minute steps,
 * ending an hour ago so the data is inside retention and in the past whatever the clock says. Each test
 * pulls into its own {@code source}, so the tests share the database without seeing each other's samples.
 */
@ExtendWith(TestDatabase.class)
@Tag("db")
class PrometheusPullTest {
    private static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT", "SOLUSDT");
    private static final int MINUTES = 180;
    private static final int POINTS = MINUTES + 1;   // both ends included
    private static final int NAN_MINUTE = 50;
    private static final String NAN_SYMBOL = "ETHUSDT";

    @TempDir
    static Path dir;

    private static RealPrometheus prometheus;
    private static Jdbi jdbi;
    private static String dbUrl;
    private static MetricCatalogue catalogue;
    private static Instant start;
    private static Instant end;

    private static final String NOT_INSTALLED = "prometheus and promtool are not installed (apt-get install prometheus)";

    /** Without Prometheus each test is reported as skipped with the reason, rather than the class vanishing. */
    @BeforeAll
    static void startPrometheus(Database db) throws IOException, InterruptedException {
        if (!RealPrometheus.installed()) {
            return;
        }
        jdbi = db.jdbi();
        dbUrl = ((PGSimpleDataSource) db.dataSource()).getURL();
        catalogue = ConfigLoader.load(Path.of("config/release.yaml")).catalogue();
        start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(4));
        end = start.plus(Duration.ofMinutes(MINUTES));
        prometheus = RealPrometheus.start(dir, openMetrics());
    }

    @BeforeEach
    void needsPrometheus() {
        Assumptions.assumeTrue(prometheus != null, NOT_INSTALLED);
    }

    @AfterAll
    static void stopPrometheus() throws InterruptedException {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    private static double activity(int symbol, int minute) {
        return symbol * 10 + minute * 0.25;
    }

    private static double memory(int minute) {
        return 1.5e9 + minute * 1024;
    }

    private static String openMetrics() {
        StringBuilder om = new StringBuilder("# TYPE strategy_activity_score gauge\n");
        for (int s = 0; s < SYMBOLS.size(); s++) {
            for (int m = 0; m <= MINUTES; m++) {
                String value = SYMBOLS.get(s).equals(NAN_SYMBOL) && m == NAN_MINUTE ? "NaN" : Double.toString(activity(s, m));
                om.append("strategy_activity_score{job=\"strategy\",symbol=\"").append(SYMBOLS.get(s)).append("\"} ")
                        .append(value).append(' ').append(at(m).getEpochSecond()).append('\n');
            }
        }
        om.append("# TYPE process_resident_memory_bytes gauge\n");
        for (int m = 0; m <= MINUTES; m++) {
            om.append("process_resident_memory_bytes{job=\"strategy\"} ").append(memory(m)).append(' ')
                    .append(at(m).getEpochSecond()).append('\n');
        }
        return om.append("# EOF\n").toString();
    }

    private static Instant at(int minute) {
        return start.plus(Duration.ofMinutes(minute));
    }

    /** What was written, as stored rows would read: "metric symbol ts" -> value, the NaN left out. */
    private static Map<String, Double> written() {
        Map<String, Double> rows = new TreeMap<>();
        for (int m = 0; m <= MINUTES; m++) {
            for (int s = 0; s < SYMBOLS.size(); s++) {
                if (!(SYMBOLS.get(s).equals(NAN_SYMBOL) && m == NAN_MINUTE)) {
                    rows.put("activity " + SYMBOLS.get(s) + " " + at(m), activity(s, m));
                }
            }
            rows.put("memory_bytes  " + at(m), memory(m));
        }
        return rows;
    }

    private static Map<String, Double> stored(String source) {
        Map<String, Double> rows = new TreeMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT se.metric, se.symbol, s.ts, s.value FROM sample s "
                        + "JOIN series se ON se.id = s.series_id WHERE se.source = :source")
                .bind("source", source)
                .map((rs, ctx) -> Map.entry(rs.getString("metric") + " " + rs.getString("symbol") + " "
                        + rs.getObject("ts", OffsetDateTime.class).toInstant(), rs.getDouble("value")))
                .forEach(e -> rows.put(e.getKey(), e.getValue())));
        return rows;
    }

    private static Map<String, Double> activityOnly(Map<String, Double> rows) {
        Map<String, Double> result = new TreeMap<>(rows);
        result.keySet().removeIf(k -> !k.startsWith("activity "));
        return result;
    }

    private static PrometheusPuller puller(String url, int chunkPoints) {
        return new PrometheusPuller(new PrometheusClient(url, Duration.ofSeconds(20)), new Ingester(jdbi, catalogue),
                new PullCursors(jdbi), chunkPoints, Clock.systemUTC());
    }

    private static List<PromMapping> mapping(String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "mapping", ".yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return PromMappingLoader.load(file, catalogue);
    }

    private static List<PromMapping> activityMapping(String key, String source) throws IOException {
        return mapping("queries:\n  " + key + ":\n    metric: activity\n"
                + "    query: max by (symbol) (strategy_activity_score{job=\"strategy\"})\n"
                + "    symbol_label: symbol\n    source: " + source + "\n");
    }

    private static EntryResult entry(PullReport report, String key) {
        return report.entries().stream().filter(e -> e.key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void theShippedMappingStoresWhatWasWrittenRejectsTheNanAndARepullStoresNothingNew() throws IOException {
        List<PromMapping> shipped = PromMappingLoader.load(Path.of("config/prometheus.yaml"), catalogue);
        PullReport first = puller(prometheus.url(), ChunkPlan.PROMETHEUS_MAX_POINTS).pull(shipped, start, end);

        // every shipped query is valid PromQL for a real Prometheus; the ones without backfilled series find nothing
        assertThat(first.entries()).allSatisfy(e -> assertThat(e.error()).isNull());
        EntryResult activity = entry(first, "activity");
        assertThat(activity.points()).isEqualTo(SYMBOLS.size() * POINTS);
        assertThat(activity.chunks()).isEqualTo(1);
        assertThat(activity.accepted()).isEqualTo(SYMBOLS.size() * POINTS - 1);
        assertThat(activity.rejected()).isEqualTo(1);
        PullRejection nan = activity.rejections().get(0);
        assertThat(nan.symbol()).isEqualTo(NAN_SYMBOL);
        assertThat(nan.ts()).isEqualTo(at(NAN_MINUTE));
        assertThat(nan.query()).isEqualTo("max by (symbol) (strategy_activity_score{job=\"strategy\"})");
        assertThat(nan.reason()).contains("NaN");
        assertThat(entry(first, "memory_bytes").accepted()).isEqualTo(POINTS);
        assertThat(first.entries()).filteredOn(e -> !List.of("activity", "memory_bytes").contains(e.key()))
                .allSatisfy(e -> assertThat(e.points()).isZero());
        assertThat(stored("prometheus")).isEqualTo(written());

        // the rejection is kept like an ingest line's: the query in the origin, the timestamp in the raw line
        List<Map<String, Object>> rows = jdbi.withHandle(h -> h.createQuery("SELECT origin, raw FROM ingest_rejection "
                        + "WHERE raw LIKE '%\"source\":\"prometheus\"%'").mapToMap().list());
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat((String) row.get("origin")).contains(prometheus.url(), "activity", "strategy_activity_score");
            assertThat((String) row.get("raw")).contains(at(NAN_MINUTE).toString(), "NaN", NAN_SYMBOL);
        });

        PullReport second = puller(prometheus.url(), ChunkPlan.PROMETHEUS_MAX_POINTS).pull(shipped, start, end);
        assertThat(second.accepted()).isZero();
        assertThat(second.duplicates()).isEqualTo(SYMBOLS.size() * POINTS - 1 + POINTS);
        assertThat(entry(second, "activity").rejected()).isEqualTo(1);
        assertThat(stored("prometheus")).isEqualTo(written());
    }

    @Test
    void aPullInSmallChunksStoresTheSameAsOneChunk() throws IOException {
        EntryResult whole = puller(prometheus.url(), ChunkPlan.PROMETHEUS_MAX_POINTS)
                .pull(activityMapping("whole", "one-chunk"), start, end).entries().get(0);
        EntryResult chunked = puller(prometheus.url(), 7)
                .pull(activityMapping("chunked", "seven-points"), start, end).entries().get(0);

        assertThat(whole.chunks()).isEqualTo(1);
        assertThat(chunked.chunks()).isEqualTo((POINTS + 6) / 7);
        assertThat(chunked.points()).isEqualTo(whole.points()).isEqualTo(SYMBOLS.size() * POINTS);
        assertThat(chunked.accepted()).isEqualTo(whole.accepted());
        assertThat(chunked.rejected()).isEqualTo(whole.rejected()).isEqualTo(1);
        assertThat(stored("seven-points")).isEqualTo(stored("one-chunk"))
                .isEqualTo(activityOnly(written()));
    }

    @Test
    void aStartBetweenStepsIsAlignedSoOverlappingPullsFindDuplicates() throws IOException {
        List<PromMapping> mapping = activityMapping("aligned", "aligned");
        puller(prometheus.url(), 60).pull(mapping, start, end);
        EntryResult shifted = puller(prometheus.url(), 60).pull(mapping, start.plusSeconds(17), end).entries().get(0);

        assertThat(shifted.accepted()).isZero();
        assertThat(shifted.duplicates()).isEqualTo(SYMBOLS.size() * MINUTES - 1);
        assertThat(stored("aligned")).isEqualTo(activityOnly(written()));
    }

    @Test
    void aBadQueryFailsItsEntryWithPrometheusReasonAndTheOtherEntriesStillRun() throws IOException {
        List<PromMapping> mappings = mapping("queries:\n"
                + "  broken:\n    metric: activity\n    query: max by (symbol) (strategy_activity_score\n"
                + "    symbol_label: symbol\n    source: broken\n"
                + "  memory_bytes:\n    query: max(process_resident_memory_bytes)\n    source: after-broken\n");
        PullReport report = puller(prometheus.url(), ChunkPlan.PROMETHEUS_MAX_POINTS).pull(mappings, start, end);

        EntryResult broken = entry(report, "broken");
        assertThat(broken.failed()).isTrue();
        assertThat(broken.error()).contains("mapping 'broken'", "max by (symbol) (strategy_activity_score",
                "HTTP 400", "bad_data", "parse error");
        assertThat(broken.summary()).contains("FAILED");
        assertThat(report.anyFailed()).isTrue();
        assertThat(stored("broken")).isEmpty();
        assertThat(entry(report, "memory_bytes").accepted()).isEqualTo(POINTS);
    }

    @Test
    void aQueryGivingTwoSeriesForOneSymbolIsRefusedBeforeAnythingIsStored() throws IOException {
        List<PromMapping> mappings = mapping("queries:\n  by_job:\n    metric: activity\n"
                + "    query: strategy_activity_score\n    symbol_label: job\n    source: by-job\n");
        EntryResult result = puller(prometheus.url(), ChunkPlan.PROMETHEUS_MAX_POINTS).pull(mappings, start, end).entries().get(0);

        assertThat(result.error()).contains("mapping 'by_job'", "two series for symbol 'strategy'", "max by (job)");
        assertThat(stored("by-job")).isEmpty();
    }

    @Test
    void anUnreachableSilentOrWrongServerIsNamedInTheError() throws IOException {
        List<PromMapping> mappings = activityMapping("unreachable", "unreachable");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThat(puller("http://127.0.0.1:" + closedPort, 10).pull(mappings, start, end).entries().get(0).error())
                .contains("mapping 'unreachable'", "cannot connect to Prometheus at http://127.0.0.1:" + closedPort);

        try (ServerSocket silent = new ServerSocket(0)) {
            PrometheusPuller puller = new PrometheusPuller(new PrometheusClient("http://127.0.0.1:" + silent.getLocalPort(),
                    Duration.ofSeconds(1)), new Ingester(jdbi, catalogue), new PullCursors(jdbi), 10, Clock.systemUTC());
            assertThat(puller.pull(mappings, start, end).entries().get(0).error())
                    .contains("mapping 'unreachable'", "did not answer within 1s");
        }

        assertThat(puller(prometheus.url() + "/not-prometheus", 10).pull(mappings, start, end).entries().get(0).error())
                .contains("mapping 'unreachable'", "HTTP 404");
        assertThat(stored("unreachable")).isEmpty();
    }

    @Test
    void theScheduledRunContinuesFromEachEntrysCursorWithItsLookback() throws IOException {
        Path mappingFile = dir.resolve("scheduled.yaml");
        Files.writeString(mappingFile, "queries:\n  scheduled_activity:\n    metric: activity\n"
                + "    query: max by (symbol) (strategy_activity_score{job=\"strategy\"})\n"
                + "    symbol_label: symbol\n    source: scheduled\n", StandardCharsets.UTF_8);
        Duration delay = Duration.ofMinutes(1);
        PullSettings settings = new PullSettings(prometheus.url(), mappingFile, Duration.ofMinutes(5),
                Duration.ofMinutes(10), delay, Duration.ofMinutes(MINUTES), Duration.ofSeconds(20), 60);
        Clock atEnd = Clock.fixed(end.plus(delay), ZoneOffset.UTC);

        try (ScheduledPuller scheduled = ScheduledPuller.create(settings, catalogue, jdbi, atEnd)) {
            EntryResult first = scheduled.runOnce().entries().get(0);
            assertThat(first.accepted()).isEqualTo(SYMBOLS.size() * POINTS - 1);
            assertThat(new PullCursors(jdbi).pulledTo(prometheus.url(), "scheduled_activity")).contains(end);

            EntryResult again = scheduled.runOnce().entries().get(0);
            assertThat(again.points()).isEqualTo(SYMBOLS.size() * 11);   // the ten-minute lookback, both ends
            assertThat(again.accepted()).isZero();
            assertThat(again.duplicates()).isEqualTo(SYMBOLS.size() * 11);
        }
        assertThat(stored("scheduled")).isEqualTo(activityOnly(written()));
    }

    @Test
    void theStartedScheduleKeepsPullingUntilClosed() throws IOException, InterruptedException {
        Path mappingFile = dir.resolve("started.yaml");
        Files.writeString(mappingFile, "queries:\n  started_memory:\n    metric: memory_bytes\n"
                + "    query: max(process_resident_memory_bytes{job=\"strategy\"})\n    source: started\n", StandardCharsets.UTF_8);
        PullSettings settings = new PullSettings(prometheus.url(), mappingFile, Duration.ofSeconds(10),
                Duration.ofMinutes(10), Duration.ZERO, Duration.ofMinutes(MINUTES), Duration.ofSeconds(20), 60);
        PullCursors cursors = new PullCursors(jdbi);

        try (ScheduledPuller scheduled = ScheduledPuller.create(settings, catalogue, jdbi, Clock.fixed(end, ZoneOffset.UTC))) {
            scheduled.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!cursors.pulledTo(prometheus.url(), "started_memory").equals(Optional.of(end)) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        }
        assertThat(cursors.pulledTo(prometheus.url(), "started_memory")).contains(end);
        Map<String, Double> memoryOnly = new TreeMap<>(written());
        memoryOnly.keySet().removeIf(k -> !k.startsWith("memory_bytes "));
        assertThat(stored("started")).isEqualTo(memoryOnly);
    }

    @Test
    void theCommandPrintsEachEntrysCountsAndTheRejectedPointAndExitsOne() throws IOException {
        Path mappingFile = dir.resolve("cli.yaml");
        Files.writeString(mappingFile, "queries:\n  activity:\n"
                + "    query: max by (symbol) (strategy_activity_score{job=\"strategy\"})\n"
                + "    symbol_label: symbol\n    source: cli\n", StandardCharsets.UTF_8);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status;
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            status = Main.run(new String[]{"pull", "prometheus", "--url", prometheus.url(), "--from", start.toString(),
                    "--to", end.toString(), "--mapping", mappingFile.toString(), "--chunk-points", "100",
                    "--db-url", dbUrl, "--release", "config/release.yaml"}, o, e);
        }

        assertThat(status).as(err.toString()).isEqualTo(1);
        assertThat(out.toString()).contains("activity -> activity: " + SYMBOLS.size() * POINTS + " points in 2 chunks: "
                + (SYMBOLS.size() * POINTS - 1) + " accepted, 0 duplicates, 0 conflicts, 1 rejected");
        assertThat(err.toString()).contains("rejected: activity (max by (symbol) (strategy_activity_score{job=\"strategy\"})) "
                + "symbol " + NAN_SYMBOL + " at " + at(NAN_MINUTE) + ": value: NaN");
        assertThat(stored("cli")).isEqualTo(activityOnly(written()));
    }
}
