package io.graygate.service.schedule;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.platform.config.ScheduleConfig;
import io.graygate.release.ReleaseStore;
import io.graygate.rules.RuleSet;
import io.graygate.platform.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Supplier;

/**
 * The daily evaluation inside {@code graygate serve}, on db-scheduler (tasks persisted in {@code scheduled_tasks}).
 * One task instance per release and business date ({@code <release>:<date>}), due at the calendar's time for the
 * date. Dates are done one after another, oldest first: each finished date plans the next missing one, so after
 * downtime the missed dates are caught up in date order, across every instance sharing the database. The planner
 * also runs on start-up and once a day, which starts the chain when a stage is first started and resumes it
 * if it ever stops. A failing date is retried after {@code retry_minutes}, and the dates after it wait.
 */
public final class DailyScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DailyScheduler.class);
    static final String EVALUATION_TASK = "graygate-evaluation:";
    static final String PLANNER_TASK = "graygate-planner:";
    private static final Duration SHUTDOWN_MAX_WAIT = Duration.ofMinutes(1);

    private final ReleaseConfig release;
    private final String instance;
    private final Clock clock;
    private final DailyEvaluation daily;
    private final EvaluationPlanner planner;
    private final OneTimeTask<Void> dayTask;
    private final Scheduler scheduler;

    /**
     * @param clock           decides which dates are due (tests move it instead of waiting for days)
     * @param instance        this instance's name, recorded with what it stores and in {@code scheduled_tasks.picked_by}
     * @param pollingInterval how often db-scheduler looks for due tasks
     */
    public DailyScheduler(Database db, ReleaseConfig release, Supplier<RuleSet> rules, ScheduleConfig config, Clock clock,
                          String instance, Duration pollingInterval) {
        this.release = release;
        this.instance = instance;
        this.clock = clock;
        ReleaseStore lifecycle = new ReleaseStore(db.jdbi());
        ScheduledEvaluations evaluations = new ScheduledEvaluations(db.jdbi(), instance);
        this.daily = new DailyEvaluation(release, lifecycle, evaluations, rules);
        this.dayTask = Tasks.oneTime(EVALUATION_TASK + release.name())
                .onFailure(new FailureHandler.OnFailureRetryLater<>(config.retryAfter()))
                .execute((taskInstance, context) -> runDay(dateOf(taskInstance.getId())));
        this.planner = new EvaluationPlanner(release.name(), lifecycle, db.jdbi(), new BusinessCalendar(config),
                config.catchUpMaxDays(), clock, this::schedule);
        RecurringTask<Void> dailyPlan = Tasks.recurring(PLANNER_TASK + release.name(), Schedules.daily(config.zone(), config.time()))
                .execute((taskInstance, context) -> planner.planNext());
        this.scheduler = Scheduler.create(db.dataSource(), dayTask)
                .startTasks(dailyPlan)
                .clock(clock::instant)
                .schedulerName(new SchedulerName.Fixed(instance))
                .pollingInterval(pollingInterval)
                .threads(1)
                .shutdownMaxWait(SHUTDOWN_MAX_WAIT)
                .build();
    }

    /** The service's scheduler: wall clock, this host and process as the instance name, polling every 10 seconds. */
    public static DailyScheduler forService(Database db, ReleaseConfig release, Supplier<RuleSet> rules, ScheduleConfig config) {
        return new DailyScheduler(db, release, rules, config, Clock.systemUTC(), defaultInstanceName(), Duration.ofSeconds(10));
    }

    /** Starts polling and plans the oldest missing date at once, so downtime is caught up on start-up. */
    public DailyScheduler start() {
        scheduler.start();
        planner.planNext().ifPresent(date -> LOG.info("scheduled evaluations of {}: next date {} (instance {})",
                release.name(), date, instance));
        return this;
    }

    private void runDay(LocalDate date) {
        daily.run(date);
        planner.planNext();
    }

    /** Schedules the date's task unless it is pending already (package-private for the tests' repeated runs). */
    boolean schedule(LocalDate date, Instant at) {
        boolean created = scheduler.scheduleIfNotExists(dayTask.instance(instanceId(release.name(), date)), at);
        if (created && !at.isAfter(clock.instant())) {
            // Catching up: run the next date now rather than at the next poll.
            scheduler.triggerCheckForDueExecutions();
        }
        return created;
    }

    static String instanceId(String release, LocalDate date) {
        return release + ":" + date;
    }

    static LocalDate dateOf(String instanceId) {
        return LocalDate.parse(instanceId.substring(instanceId.lastIndexOf(':') + 1));
    }

    static String defaultInstanceName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    @Override
    public void close() {
        scheduler.stop();
    }
}
