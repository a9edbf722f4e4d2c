package io.graygate.alerting;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs the dispatcher every {@code delivery.poll} inside {@code graygate serve}; closing stops it. */
public final class AlertLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertLoop.class);

    private final ScheduledExecutorService executor;

    private AlertLoop(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    /**
     * Starts the dispatcher for the release, or nothing when {@code config} is null (no alerts file).
     *
     * @param instance names this process in the delivery rows
     */
    public static AlertLoop start(Jdbi jdbi, String release, AlertConfig config, String instance) {
        if (config == null) {
            return new AlertLoop(null);
        }
        AlertDispatcher dispatcher = new AlertDispatcher(jdbi, release, config, Clock.systemUTC(), instance);
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "graygate-alerts");
            thread.setDaemon(true);
            return thread;
        });
        long period = config.delivery().poll().toMillis();
        executor.scheduleWithFixedDelay(() -> runQuietly(dispatcher), 0, period, TimeUnit.MILLISECONDS);
        return new AlertLoop(executor);
    }

    /** A failed run (database away for a moment) must not end the schedule; the next run tries again. */
    private static void runQuietly(AlertDispatcher dispatcher) {
        try {
            AlertDispatcher.Run run = dispatcher.runOnce();
            if (run.raised() + run.planned() + run.attempts() > 0) {
                LOG.info("alerts: {} raised, {} notifications planned, {} attempts, {} delivered",
                        run.raised(), run.planned(), run.attempts(), run.delivered());
            }
        } catch (RuntimeException e) {
            LOG.error("alert dispatch failed; retrying next period", e);
        }
    }

    @Override
    public void close() {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(15, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
