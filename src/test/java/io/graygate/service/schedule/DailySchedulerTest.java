package io.graygate.service.schedule;

import org.junit.jupiter.api.Tag;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.platform.config.ScheduleConfig;
import io.graygate.release.ReleaseStore;
import io.graygate.release.Releases;
import io.graygate.rules.RuleLoader;
import io.graygate.rules.RuleSet;
import io.graygate.platform.Database;
import io.graygate.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled daily evaluation on db-scheduler against a real PostgreSQL: catch-up after downtime in date order,
 * repeated runs, two scheduler instances racing on one database, and a failing evaluation retried. Days pass on a
 * hand-moved clock; assertions are on the stored rows.
 */
@ExtendWith(TestDatabase.class)
@Tag("db")
class DailySchedulerTest {
    private static final ScheduleConfig EVERY_DAY = new ScheduleConfig(true, ScheduleConfig.DEFAULT_TIME, ZoneOffset.UTC,
            EnumSet.allOf(DayOfWeek.class), Set.of(), 14, Duration.ofMinutes(10));
    private static final Duration POLL = Duration.ofMillis(100);
    /** How long to wait for the scheduler's threads to get somewhere; generous, as builds share two cores. */
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private static Database db;
    private static Jdbi jdbi;
    private static RuleSet rules;

    @BeforeAll
    static void setUp(Database database) {
        db = database;
        jdbi = database.jdbi();
        rules = RuleLoader.load(Path.of("rules"));
    }

    private static Instant at(String dateTime) {
        return Instant.parse(dateTime);
    }

    private static LocalDate date(String text) {
        return LocalDate.parse(text);
    }

    /** A lifecycle event at a chosen time (the CLI stamps the wall clock; the scheduler reads history). */
    private static void event(ReleaseConfig release, String kind, String stage, Integer number, Instant when) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO release_event (release, kind, stage, stage_number, actor, reason, created_at) "
                        + "VALUES (:release, :kind, :stage, :number, 'test', 'test', :at)")
                .bind("release", release.name()).bind("kind", kind).bind("stage", stage).bind("number", number)
                .bind("at", when).execute());
    }

    private static void stageOneStarted(ReleaseConfig release, Instant when) {
        event(release, "STAGE_STARTED", release.stages().get(0).name(), 1, when);
    }

    private static DailyScheduler scheduler(ReleaseConfig release, Supplier<RuleSet> ruleSupplier, MutableClock clock,
                                            String instance) {
        return new DailyScheduler(db, release, ruleSupplier, EVERY_DAY, clock, instance, POLL);
    }

    private static List<LocalDate> evaluatedDates(ReleaseConfig release) {
        return jdbi.withHandle(h -> h.createQuery("SELECT as_of FROM evaluation WHERE release = :release ORDER BY id")
                .bind("release", release.name()).mapTo(LocalDate.class).list());
    }

    private static List<LocalDate> claimedDates(ReleaseConfig release) {
        return jdbi.withHandle(h -> h.createQuery("SELECT as_of FROM scheduled_evaluation WHERE release = :release ORDER BY as_of")
                .bind("release", release.name()).mapTo(LocalDate.class).list());
    }

    private static List<Map<String, Object>> days(ReleaseConfig release) {
        return jdbi.withHandle(h -> h.createQuery("SELECT business_date, outcome, stage, evaluation_id FROM scheduled_day "
                        + "WHERE release = :release ORDER BY business_date")
                .bind("release", release.name()).mapToMap().list());
    }

    private static boolean dayDone(ReleaseConfig release, LocalDate date) {
        return new ScheduledEvaluations(jdbi, "probe").dayDone(release.name(), date);
    }

    private static int failures(ReleaseConfig release, LocalDate date) {
        return jdbi.withHandle(h -> h.createQuery("SELECT coalesce(max(consecutive_failures), 0) FROM scheduled_tasks "
                        + "WHERE task_name = :task AND task_instance = :id")
                .bind("task", DailyScheduler.EVALUATION_TASK + release.name())
                .bind("id", DailyScheduler.instanceId(release.name(), date)).mapTo(Integer.class).one());
    }

    private static boolean pending(ReleaseConfig release, LocalDate date) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) > 0 FROM scheduled_tasks WHERE task_name = :task AND task_instance = :id")
                .bind("task", DailyScheduler.EVALUATION_TASK + release.name())
                .bind("id", DailyScheduler.instanceId(release.name(), date)).mapTo(Boolean.class).one());
    }

    /** Waits for the scheduler's threads to reach a state; fails (it does not time anything) if they never do. */
    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the scheduler never got there: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void afterThreeDaysDownTheMissedDatesAreEvaluatedInDateOrderOnceEach() {
        ReleaseConfig release = Releases.fresh();
        stageOneStarted(release, at("2026-03-02T09:00:00Z"));
        MutableClock clock = new MutableClock(at("2026-03-03T00:31:00Z"));
        try (DailyScheduler first = scheduler(release, () -> rules, clock, "before-downtime").start()) {
            await("2026-03-02 evaluated", () -> dayDone(release, date("2026-03-02")));
        }
        assertThat(evaluatedDates(release)).containsExactly(date("2026-03-02"));

        // Down from 2026-03-03 00:31 to 2026-03-06 01:00: the 3rd, 4th and 5th were due meanwhile.
        clock.set(at("2026-03-06T01:00:00Z"));
        try (DailyScheduler restarted = scheduler(release, () -> rules, clock, "after-downtime").start()) {
            await("2026-03-05 evaluated", () -> dayDone(release, date("2026-03-05")));
            await("2026-03-06 planned for its time", () -> pending(release, date("2026-03-06")));
        }

        assertThat(evaluatedDates(release)).containsExactly(date("2026-03-02"), date("2026-03-03"), date("2026-03-04"),
                date("2026-03-05"));
        assertThat(claimedDates(release)).containsExactly(date("2026-03-02"), date("2026-03-03"), date("2026-03-04"),
                date("2026-03-05"));
        assertThat(days(release)).allSatisfy(day -> assertThat(day.get("outcome")).isEqualTo("EVALUATED"));
        List<LocalDate> windowStarts = jdbi.withHandle(h -> h.createQuery(
                        "SELECT DISTINCT window_start FROM evaluation WHERE release = :release")
                .bind("release", release.name()).mapTo(LocalDate.class).list());
        assertThat(windowStarts).containsExactly(date("2026-03-02"));
        Map<String, Object> status = new ScheduleStatus(jdbi).read(release.name(), EVERY_DAY);
        assertThat(status.get("nextRun")).asString().contains("date=2026-03-06").contains("at=2026-03-07T00:30:00Z");
        assertThat(status.get("lastEvaluated")).asString().contains("date=2026-03-05");
    }

    @Test
    void runningDatesAgainStoresNothingNew() {
        ReleaseConfig release = Releases.fresh();
        stageOneStarted(release, at("2026-04-01T08:00:00Z"));
        MutableClock clock = new MutableClock(at("2026-04-04T00:45:00Z"));
        try (DailyScheduler scheduler = scheduler(release, () -> rules, clock, "first").start()) {
            await("2026-04-03 evaluated", () -> dayDone(release, date("2026-04-03")));
        }
        List<LocalDate> before = evaluatedDates(release);
        assertThat(before).containsExactly(date("2026-04-01"), date("2026-04-02"), date("2026-04-03"));

        try (DailyScheduler again = scheduler(release, () -> rules, clock, "second").start()) {
            for (String day : List.of("2026-04-01", "2026-04-02", "2026-04-03")) {
                again.schedule(date(day), clock.instant());
            }
            await("the repeated dates ran", () -> !pending(release, date("2026-04-01"))
                    && !pending(release, date("2026-04-02")) && !pending(release, date("2026-04-03")));
        }
        DailyEvaluation direct = new DailyEvaluation(release, new ReleaseStore(jdbi), new ScheduledEvaluations(jdbi, "third"),
                () -> rules);
        assertThat(direct.run(date("2026-04-02")).kind()).isEqualTo(DayOutcome.Kind.ALREADY_DONE);

        assertThat(evaluatedDates(release)).isEqualTo(before);
        assertThat(claimedDates(release)).hasSize(3);
        assertThat(days(release)).hasSize(3);
    }

    @Test
    void twoSchedulersRacingOnOneDatabaseStoreOneEvaluationPerStageAndDate() throws Exception {
        ReleaseConfig release = Releases.fresh();
        stageOneStarted(release, at("2026-05-01T06:00:00Z"));
        MutableClock clock = new MutableClock(at("2026-05-05T02:00:00Z"));
        List<DailyScheduler> schedulers = List.of(scheduler(release, () -> rules, clock, "alpha"),
                scheduler(release, () -> rules, clock, "beta"));
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<CompletableFuture<DailyScheduler>> starts = new ArrayList<>();
            for (DailyScheduler s : schedulers) {
                starts.add(CompletableFuture.supplyAsync(() -> {
                    awaitLatch(go);
                    return s.start();
                }));
            }
            go.countDown();
            for (CompletableFuture<DailyScheduler> start : starts) {
                start.get();
            }
            await("2026-05-04 evaluated", () -> dayDone(release, date("2026-05-04")));
        } finally {
            schedulers.forEach(DailyScheduler::close);
        }

        List<LocalDate> expected = date("2026-05-01").datesUntil(date("2026-05-05")).toList();
        assertThat(evaluatedDates(release)).containsExactlyElementsOf(expected);
        assertThat(claimedDates(release)).containsExactlyElementsOf(expected);
        int perStageAndDate = jdbi.withHandle(h -> h.createQuery("SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n "
                        + "FROM evaluation WHERE release = :release GROUP BY stage, as_of) x")
                .bind("release", release.name()).mapTo(Integer.class).one());
        assertThat(perStageAndDate).isEqualTo(1);
    }

    @Test
    void twoInstancesRunningTheSameDatesAtOnceStoreEachDateOnce() throws Exception {
        ReleaseConfig release = Releases.fresh();
        stageOneStarted(release, at("2026-06-01T06:00:00Z"));
        List<LocalDate> dates = date("2026-06-01").datesUntil(date("2026-06-04")).toList();
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<List<DayOutcome>>> runs = new ArrayList<>();
        for (String instance : List.of("alpha", "beta")) {
            DailyEvaluation daily = new DailyEvaluation(release, new ReleaseStore(jdbi), new ScheduledEvaluations(jdbi, instance),
                    () -> rules);
            runs.add(CompletableFuture.supplyAsync(() -> {
                awaitLatch(go);
                return dates.stream().map(daily::run).toList();
            }));
        }
        go.countDown();
        List<DayOutcome> outcomes = new ArrayList<>();
        for (CompletableFuture<List<DayOutcome>> run : runs) {
            outcomes.addAll(run.get());
        }

        assertThat(outcomes).filteredOn(o -> o.kind() == DayOutcome.Kind.EVALUATED).extracting(DayOutcome::date)
                .containsExactlyInAnyOrderElementsOf(dates);
        assertThat(outcomes).filteredOn(o -> o.kind() == DayOutcome.Kind.ALREADY_DONE).hasSize(dates.size());
        assertThat(evaluatedDates(release)).containsExactlyInAnyOrderElementsOf(dates);
        assertThat(claimedDates(release)).containsExactlyElementsOf(dates);
    }

    @Test
    void aFailingEvaluationIsRetriedAndThenStoredOnce() {
        ReleaseConfig release = Releases.fresh();
        stageOneStarted(release, at("2026-07-01T06:00:00Z"));
        AtomicInteger calls = new AtomicInteger();
        Supplier<RuleSet> flaky = () -> {
            if (calls.incrementAndGet() <= 2) {
                throw new IllegalStateException("rules are being replaced (attempt " + calls.get() + ")");
            }
            return rules;
        };
        MutableClock clock = new MutableClock(at("2026-07-02T00:40:00Z"));
        LocalDate day = date("2026-07-01");
        try (DailyScheduler scheduler = scheduler(release, flaky, clock, "flaky").start()) {
            await("the first attempt failed", () -> failures(release, day) == 1);
            assertThat(dayDone(release, day)).isFalse();
            clock.advance(Duration.ofMinutes(11));
            await("the second attempt failed", () -> failures(release, day) == 2);
            clock.advance(Duration.ofMinutes(11));
            await("the third attempt stored it", () -> dayDone(release, day));
        }

        assertThat(calls.get()).isEqualTo(3);
        assertThat(evaluatedDates(release)).containsExactly(day);
        assertThat(claimedDates(release)).containsExactly(day);
    }

    @Test
    void aDateWithNoStageLiveIsRecordedWithoutAnEvaluation() {
        ReleaseConfig release = Releases.fresh();
        stageOneStarted(release, at("2026-08-03T06:00:00Z"));
        event(release, "ROLLED_BACK", null, null, at("2026-08-04T12:00:00Z"));
        MutableClock clock = new MutableClock(at("2026-08-06T00:35:00Z"));
        try (DailyScheduler scheduler = scheduler(release, () -> rules, clock, "solo").start()) {
            await("2026-08-05 dealt with", () -> dayDone(release, date("2026-08-05")));
        }

        assertThat(evaluatedDates(release)).containsExactly(date("2026-08-03"));
        assertThat(days(release)).extracting(d -> d.get("business_date").toString() + " " + d.get("outcome"))
                .containsExactly("2026-08-03 EVALUATED", "2026-08-04 NOTHING_LIVE", "2026-08-05 NOTHING_LIVE");
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
