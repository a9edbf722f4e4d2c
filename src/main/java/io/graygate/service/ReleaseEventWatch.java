package io.graygate.service;

import io.graygate.release.agents.Fleet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wakes agents' long polls when the release's lifecycle moves. A rollback may be written by the CLI straight into
 * the database, so the watch reads the latest event id every {@link #POLL} while at least one long poll waits
 * (one cheap indexed query for all of them, none while nobody waits).
 */
final class ReleaseEventWatch implements AutoCloseable {
    static final Duration POLL = Duration.ofMillis(50);
    private static final Logger LOG = LoggerFactory.getLogger(ReleaseEventWatch.class);

    private final Fleet fleet;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "graygate-release-watch");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger waiting = new AtomicInteger();
    private final Object moved = new Object();
    private long version = -1;

    ReleaseEventWatch(Fleet fleet) {
        this.fleet = fleet;
        timer.scheduleWithFixedDelay(this::poll, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void poll() {
        if (waiting.get() == 0) {
            return;
        }
        try {
            long now = fleet.version();
            synchronized (moved) {
                if (now != version) {
                    version = now;
                    moved.notifyAll();
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("release watch: cannot read the latest event: {}", e.getMessage());
        }
    }

    /** Blocks until an event newer than {@code seen} is stored or {@code max} passed. */
    void awaitNewerThan(long seen, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        waiting.incrementAndGet();
        try {
            synchronized (moved) {
                long left;
                while (version <= seen && (left = deadline - System.nanoTime()) > 0) {
                    moved.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            }
        } finally {
            waiting.decrementAndGet();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
