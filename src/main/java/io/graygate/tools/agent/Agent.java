package io.graygate.tools.agent;

import io.graygate.release.agents.ApplyResult;
import io.graygate.release.agents.ReportSubmission;
import io.graygate.release.StateView;
import io.graygate.release.SymbolState;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code graygate agent}: keeps one strategy instance's env file at the desired state. It long-polls the service,
 * writes the env file atomically when the state changes, runs the apply command and reports what it applied. When
 * the service stays silent longer than the fail-safe limit it writes the baseline by itself (funds first) and
 * reports that once the service answers again. Reconnection attempts back off exponentially up to a bound.
 */
public final class Agent implements Runnable {
    /** Failed applies are retried after this, doubling per consecutive failure up to {@link #MAX_RETRY}. */
    static final Duration FIRST_RETRY = Duration.ofSeconds(2);
    static final Duration MAX_RETRY = Duration.ofSeconds(60);
    /** Reports kept while the service is unreachable; older ones are dropped (each one's state is also in the log). */
    static final int MAX_PENDING = 64;

    private final AgentSettings settings;
    private final ServiceClient client;
    private final Consumer<String> log;
    private final Deque<ReportSubmission> pending = new ArrayDeque<>();

    /** The state the env file holds, whether its apply went through, and when to retry a failed one. */
    private String held;
    private boolean heldFailed;
    private boolean heldBaseline;
    private int failures;
    private long retryAt;
    private List<String> knownSymbols;

    public Agent(AgentSettings settings, ServiceClient client, Consumer<String> log) {
        this.settings = settings;
        this.client = client;
        this.log = log;
        this.knownSymbols = settings.symbols();
    }

    @Override
    public void run() {
        long lastContact = System.nanoTime();
        Duration backoff = AgentSettings.FIRST_BACKOFF;
        log.accept("agent " + settings.instance() + ": following " + client.base() + ", env file " + settings.envFile().path());
        while (!Thread.currentThread().isInterrupted()) {
            try {
                ServiceClient.Desired desired = client.desired(settings.instance(), settings.symbols(), held, pollWait());
                lastContact = System.nanoTime();
                backoff = AgentSettings.FIRST_BACKOFF;
                knownSymbols = desired.symbols();
                flushPending();
                boolean retry = heldFailed && System.nanoTime() - retryAt >= 0;
                if (!desired.hash().equals(held) || retry) {
                    post(apply(desired.env(), desired.hash(), desired.symbols(), desired.baseline(), ApplyResult.APPLIED,
                            desired.description()));
                }
            } catch (IOException e) {
                log.accept("service unreachable: " + e.getMessage());
                Duration silence = Duration.ofNanos(System.nanoTime() - lastContact);
                if (silence.compareTo(settings.failSafeAfter()) >= 0 && needsFailSafe()) {
                    failSafe(silence);
                }
                Duration untilFailSafe = settings.failSafeAfter().minus(silence);
                Duration pause = untilFailSafe.isNegative() || untilFailSafe.isZero() || untilFailSafe.compareTo(backoff) > 0
                        ? backoff : untilFailSafe;
                if (!sleep(pause)) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff()
                        : backoff.multipliedBy(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The long poll waits at most until a failed apply is due again. */
    private Duration pollWait() {
        if (!heldFailed) {
            return settings.longPoll();
        }
        long leftSeconds = (Math.max(0, retryAt - System.nanoTime()) + 999_999_999L) / 1_000_000_000L;
        return Duration.ofSeconds(Math.max(1, Math.min(leftSeconds, settings.longPoll().toSeconds())));
    }

    /** Whether the env file does not hold an applied baseline yet (a failed baseline apply is retried when due). */
    private boolean needsFailSafe() {
        if (!heldBaseline) {
            return true;
        }
        return heldFailed && System.nanoTime() - retryAt >= 0;
    }

    private void failSafe(Duration silence) {
        List<String> symbols = knownSymbols;
        // Before any contact without --symbols the agent knows no symbol: the bare baseline names stand for all.
        List<SymbolState> baseline = symbols.isEmpty() ? List.of(SymbolState.baseline("ALL")) : StateView.baseline(symbols);
        List<String> env = StateView.env(baseline);
        String reason = "service silent for " + silence.toSeconds() + " s (fail-safe after "
                + settings.failSafeAfter().toSeconds() + " s): baseline written by the agent";
        ReportSubmission report = apply(env, StateView.envHash(env), symbols, true, ApplyResult.FAIL_SAFE, reason);
        if (!symbols.isEmpty()) {
            queue(report);
        }
    }

    private ReportSubmission apply(List<String> env, String hash, List<String> symbols, boolean baseline, ApplyResult ok,
                                   String why) {
        Integer exit = null;
        String output = "";
        String problem = "";
        try {
            settings.envFile().write(env);
            if (settings.applyCommand().isPresent()) {
                ApplyCommand.Outcome outcome = settings.applyCommand().get().run(settings.envFile().path(), hash);
                exit = outcome.exitCode();
                output = outcome.output();
                problem = outcome.succeeded() ? "" : outcome.problem().isEmpty() ? "apply command exited " + exit
                        : outcome.problem();
            }
        } catch (IOException e) {
            problem = "cannot write " + settings.envFile().path() + ": " + e.getMessage();
        }
        boolean failed = !problem.isEmpty();
        held = hash;
        heldBaseline = baseline;
        heldFailed = failed;
        if (failed) {
            Duration retry = FIRST_RETRY.multipliedBy(1L << Math.min(failures, 5));
            retry = retry.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retry;
            failures++;
            retryAt = System.nanoTime() + retry.toNanos();
            log.accept("apply FAILED for " + hash.substring(0, 12) + ": " + problem + "; retry in " + retry.toSeconds() + " s");
        } else {
            failures = 0;
            log.accept((ok == ApplyResult.FAIL_SAFE ? "FAIL-SAFE baseline applied " : "applied ") + hash.substring(0, 12)
                    + (baseline ? " (baseline)" : "") + (exit == null ? "" : ", apply command exit " + exit) + ": " + why);
        }
        String detail = failed ? problem : why;
        return new ReportSubmission(hash, symbols, failed ? ApplyResult.FAILED : ok, exit, output, detail, Instant.now());
    }

    private void post(ReportSubmission report) throws InterruptedException {
        queue(report);
        flushPending();
    }

    private void queue(ReportSubmission report) {
        if (pending.size() == MAX_PENDING) {
            ReportSubmission dropped = pending.removeFirst();
            log.accept("report of " + dropped.stateHash().substring(0, 12) + " at " + dropped.appliedAt()
                    + " dropped: " + MAX_PENDING + " reports are waiting already");
        }
        pending.addLast(report);
    }

    /** Sends the waiting reports in order; stops at the first failure and keeps the rest for the next contact. */
    private void flushPending() throws InterruptedException {
        while (!pending.isEmpty()) {
            try {
                client.report(settings.instance(), pending.peekFirst());
                pending.removeFirst();
            } catch (IOException e) {
                log.accept("report not delivered (kept for the next contact): " + e.getMessage());
                return;
            }
        }
    }

    private static boolean sleep(Duration pause) {
        try {
            Thread.sleep(Math.max(1, pause.toMillis()));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
