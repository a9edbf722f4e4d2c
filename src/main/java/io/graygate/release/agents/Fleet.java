package io.graygate.release.agents;

import io.graygate.platform.config.ReleaseConfig;
import io.graygate.release.DesiredState;
import io.graygate.release.Lifecycle;
import io.graygate.release.ReleaseEvent;
import io.graygate.release.ReleaseStore;
import io.graygate.release.StateView;
import io.graygate.release.SymbolState;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The agents of a release: the desired state of an agent's symbols, their reports, desired against applied per
 * agent, and the wait until every live agent runs the baseline after a rollback. Reads the database on every
 * call, so the CLI and any service instance see the same thing.
 */
public final class Fleet {
    /** How often a wait re-reads the reports. */
    private static final Duration WAIT_POLL = Duration.ofMillis(25);

    private final ReleaseConfig release;
    private final Lifecycle lifecycle;
    private final ReleaseStore releases;
    private final AgentStore store;
    private final AgentPolicy policy;
    private final Clock clock;

    public Fleet(ReleaseConfig release, Jdbi jdbi, AgentPolicy policy, Clock clock) {
        this.release = release;
        this.releases = new ReleaseStore(jdbi);
        // The desired state needs no entry checks: those run only when a stage is asked to start.
        this.lifecycle = new Lifecycle(release, releases, List.of());
        this.store = new AgentStore(jdbi);
        this.policy = policy;
        this.clock = clock;
    }

    public AgentPolicy policy() {
        return policy;
    }

    /** The symbols an agent asked for, checked against the universe; none asked for means all of them. */
    public List<String> symbolsFor(List<String> asked) {
        if (asked == null || asked.isEmpty()) {
            return release.universe();
        }
        Set<String> known = Set.copyOf(release.universe());
        List<String> unknown = asked.stream().filter(s -> !known.contains(s)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("symbols not in the release universe: "
                    + unknown.subList(0, Math.min(5, unknown.size())));
        }
        if (Set.copyOf(asked).size() != asked.size()) {
            throw new IllegalArgumentException("a symbol is listed twice");
        }
        return List.copyOf(asked);
    }

    /** The release's version for the long poll: its latest lifecycle event id, 0 before any. */
    public long version() {
        return releases.latestEvent(release.name()).map(ReleaseEvent::id).orElse(0L);
    }

    public DesiredForAgent desiredFor(List<String> symbols) {
        DesiredState state = lifecycle.desiredState();
        long version = state.release().lastEvent() == null ? 0 : state.release().lastEvent().id();
        return desiredFor(state, version, symbols);
    }

    private DesiredForAgent desiredFor(DesiredState state, long version, List<String> symbols) {
        List<SymbolState> mine = pick(state, symbols);
        List<String> env = StateView.env(mine);
        String hash = StateView.envHash(env);
        return new DesiredForAgent(release.name(), state.release().phase().name(), state.release().describe(), version,
                symbols, env, hash, hash.equals(baselineHash(symbols)));
    }

    /** The SHA-256 of the baseline env file of these symbols. */
    public static String baselineHash(List<String> symbols) {
        return StateView.envHash(StateView.env(StateView.baseline(symbols)));
    }

    private static List<SymbolState> pick(DesiredState state, List<String> symbols) {
        Map<String, SymbolState> bySymbol = new java.util.HashMap<>();
        state.symbols().forEach(s -> bySymbol.put(s.symbol(), s));
        return symbols.stream().map(s -> bySymbol.getOrDefault(s, SymbolState.baseline(s))).toList();
    }

    /** Marks the agent seen now (it asked for its desired state). */
    public void seen(String instance, List<String> symbols) {
        store.touch(release.name(), InstanceName.require(instance), symbols, clock.instant());
    }

    /** Stores an agent's report (chained); whether it is the baseline is computed here, not taken from the agent. */
    public AgentReport record(String instance, ReportSubmission report, String reportedBy) {
        return store.insert(release.name(), InstanceName.require(instance), report,
                report.stateHash().equals(baselineHash(report.symbols())), reportedBy, clock.instant());
    }

    public List<AgentReport> reports(String instance, int limit) {
        return store.reports(release.name(), InstanceName.require(instance), limit);
    }

    /** Desired against applied for every agent that ever asked or reported, by name. */
    public List<AgentStatus> statuses() {
        DesiredState state = lifecycle.desiredState();
        long version = state.release().lastEvent() == null ? 0 : state.release().lastEvent().id();
        Instant since = state.release().since();
        Map<String, AgentReport> effective = store.latest(release.name(), true);
        Map<String, AgentReport> last = store.latest(release.name(), false);
        Instant now = clock.instant();
        List<AgentStatus> statuses = new ArrayList<>();
        for (AgentStore.Presence p : store.presence(release.name())) {
            DesiredForAgent desired = desiredFor(state, version, p.symbols());
            AgentReport applied = effective.get(p.instance());
            String appliedHash = applied == null ? null : applied.stateHash();
            boolean inSync = desired.hash().equals(appliedHash);
            boolean live = !p.lastSeen().isBefore(now.minus(policy.liveness()));
            Instant from = since == null || since.isBefore(p.firstSeen()) ? p.firstSeen() : since;
            Duration lag = inSync ? Duration.ZERO : positive(Duration.between(from, now));
            boolean overdue = live && !inSync && lag.compareTo(policy.applyLimit()) > 0;
            statuses.add(new AgentStatus(p.instance(), p.symbols(), p.lastSeen(), live, desired.hash(), desired.baseline(),
                    appliedHash, inSync, lag, overdue, last.get(p.instance())));
        }
        return statuses;
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** What a wait for the baseline came to; effective when no live agent is missing. */
    public record Effective(boolean effective, List<String> applied, List<AgentStatus> missing, List<String> notLive) {
        public Effective {
            applied = List.copyOf(applied);
            missing = List.copyOf(missing);
            notLive = List.copyOf(notLive);
        }
    }

    /**
     * Waits until every agent live at the rollback (seen within the liveness window before {@code rollback}) has
     * applied the baseline of its symbols, or {@code wait} has passed. An agent that fell back to the baseline by
     * itself counts: its strategy runs the baseline.
     */
    public Effective awaitBaseline(ReleaseEvent rollback, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        Instant liveSince = rollback.at().minus(policy.liveness());
        while (true) {
            Map<String, AgentReport> effective = store.latest(release.name(), true);
            List<String> applied = new ArrayList<>();
            List<String> notLive = new ArrayList<>();
            List<String> missingNames = new ArrayList<>();
            for (AgentStore.Presence p : store.presence(release.name())) {
                if (p.lastSeen().isBefore(liveSince)) {
                    notLive.add(p.instance());
                    continue;
                }
                AgentReport r = effective.get(p.instance());
                if (r != null && r.stateHash().equals(baselineHash(p.symbols()))) {
                    applied.add(p.instance());
                } else {
                    missingNames.add(p.instance());
                }
            }
            if (missingNames.isEmpty() || System.nanoTime() >= deadline) {
                List<AgentStatus> missing = missingNames.isEmpty() ? List.of()
                        : statuses().stream().filter(s -> missingNames.contains(s.instance())).toList();
                return new Effective(missingNames.isEmpty(), applied, missing, notLive);
            }
            Thread.sleep(WAIT_POLL.toMillis());
        }
    }
}
