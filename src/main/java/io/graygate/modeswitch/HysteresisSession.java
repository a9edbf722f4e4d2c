package io.graygate.modeswitch;

import io.graygate.decision.RuleRunException;
import io.graygate.rules.RuleSet;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

import java.util.ArrayList;
import java.util.List;

/**
 * An incremental hysteresis session over a set of symbols: the same object serves a replay (runs from SQL)
 * and streaming (one window at a time, as a run of one). Each {@link #feed} inserts one run, fires the rules
 * and returns the switches they decided; switches leave working memory once returned, so a long-lived
 * session holds only one {@link ModeState} per symbol. Not thread-safe: one feeder per session.
 */
public final class HysteresisSession implements AutoCloseable {
    /** A run needs a handful of firings; far more means rules that re-trigger each other. */
    private static final int MAX_FIRINGS_PER_RUN = 1_000;

    private final KieSession session;
    private final List<ModeSwitch> decided = new ArrayList<>();
    private final List<FactHandle> handles = new ArrayList<>();

    public HysteresisSession(RuleSet rules, HysteresisParams params) {
        this.session = rules.kieBase().newSession();
        session.addEventListener(new DefaultRuleRuntimeEventListener() {
            @Override
            public void objectInserted(ObjectInsertedEvent event) {
                if (event.getObject() instanceof ModeSwitch change) {
                    decided.add(change);
                    handles.add(event.getFactHandle());
                }
            }
        });
        session.insert(params);
    }

    /** Runs of one symbol must come in time order; symbols may interleave. */
    public List<ModeSwitch> feed(ActivityRun run) {
        session.insert(run);
        int fired;
        try {
            fired = session.fireAllRules(MAX_FIRINGS_PER_RUN);
        } catch (RuntimeException e) {
            throw new RuleRunException("hysteresis rules failed on " + run + ": " + e.getMessage(), e);
        }
        if (fired >= MAX_FIRINGS_PER_RUN) {
            throw new RuleRunException("hysteresis rules fired " + fired + " times on one run without settling", null);
        }
        handles.forEach(session::delete);
        handles.clear();
        List<ModeSwitch> out = List.copyOf(decided);
        decided.clear();
        return out;
    }

    @Override
    public void close() {
        session.dispose();
    }
}
