package io.graygate.intake.prometheus;

import io.graygate.platform.config.MetricCatalogue;
import io.graygate.intake.Ingester;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The pull inside {@code graygate serve}: every {@code every}, each mapping entry is pulled from its cursor
 * minus the lookback up to now minus the delay (an entry without a cursor starts {@code first_pull} ago).
 * A failing entry is logged and retried on the next run from the same cursor; the others go on.
 */
public final class ScheduledPuller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledPuller.class);

    private final PullSettings settings;
    private final List<PromMapping> mappings;
    private final PrometheusPuller puller;
    private final PullCursors cursors;
    private final Clock clock;
    private ScheduledExecutorService executor;

    public ScheduledPuller(PullSettings settings, List<PromMapping> mappings, PrometheusPuller puller,
                           PullCursors cursors, Clock clock) {
        this.settings = settings;
        this.mappings = List.copyOf(mappings);
        this.puller = puller;
        this.cursors = cursors;
        this.clock = clock;
    }

    /** The puller the settings describe, reading the mapping file now so a bad one stops start-up. */
    public static ScheduledPuller create(PullSettings settings, MetricCatalogue catalogue, Jdbi jdbi, Clock clock) {
        List<PromMapping> mappings = PromMappingLoader.load(settings.mapping(), catalogue);
        PullCursors cursors = new PullCursors(jdbi);
        PrometheusPuller puller = new PrometheusPuller(new PrometheusClient(settings.url(), settings.timeout()),
                new Ingester(jdbi, catalogue), cursors, settings.chunkPoints(), clock);
        return new ScheduledPuller(settings, mappings, puller, cursors, clock);
    }

    public String description() {
        return "pulling " + mappings.size() + " queries from " + puller.url() + " every " + PromDurations.format(settings.every());
    }

    public synchronized ScheduledPuller start() {
        if (executor == null) {
            executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "prometheus-pull");
                t.setDaemon(true);
                return t;
            });
            executor.scheduleWithFixedDelay(this::runLogged, 0, settings.every().toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** One pull of every entry, from its cursor; what the schedule runs, callable directly. */
    public PullReport runOnce() {
        Instant to = clock.instant().minus(settings.delay());
        List<EntryResult> results = new ArrayList<>();
        for (PromMapping mapping : mappings) {
            Instant from = cursors.pulledTo(puller.url(), mapping.key())
                    .map(cursor -> cursor.minus(settings.lookback()))
                    .orElse(to.minus(settings.firstPull()));
            results.add(puller.pullEntry(mapping, from, to));
        }
        return new PullReport(puller.url(), results);
    }

    private void runLogged() {
        try {
            PullReport report = runOnce();
            for (EntryResult entry : report.entries()) {
                if (entry.failed()) {
                    LOG.warn("prometheus pull: {}", entry.summary());
                } else {
                    LOG.info("prometheus pull: {}", entry.summary());
                }
                entry.rejections().forEach(r -> LOG.warn("prometheus pull: rejected {}", r));
            }
        } catch (RuntimeException e) {
            // the schedule must survive a database hiccup; the next run starts from the same cursors
            LOG.error("prometheus pull failed: {}", e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("prometheus pull: still running 10 s after shutdown was asked");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
    }
}
