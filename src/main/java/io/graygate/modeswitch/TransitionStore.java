package io.graygate.modeswitch;

import io.graygate.audit.AuditChain;
import io.graygate.audit.ChainedTables;
import io.graygate.audit.AuditStore;
import io.graygate.rules.RuleSet;
import io.graygate.platform.EngineVersion;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.sql.Timestamp;

/** Stores a replay, its transitions and its switches per symbol-day in one transaction. */
public final class TransitionStore {
    private final Jdbi jdbi;

    public TransitionStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public ModeTimeline save(ModeTimeline timeline, RuleSet rules, String requestedBy) {
        long id = jdbi.inTransaction(handle -> {
            AuditStore.storeRuleSet(handle, rules, requestedBy);
            long replayId = insertReplay(handle, timeline, requestedBy);
            insertTransitions(handle, replayId, timeline);
            insertDays(handle, replayId, timeline);
            AuditChain.link(handle, ChainedTables.MODE_REPLAY, replayId);
            AuditChain.linkGroup(handle, ChainedTables.MODE_TRANSITION, replayId);
            AuditChain.linkGroup(handle, ChainedTables.MODE_SWITCH_DAY, replayId);
            return replayId;
        });
        return timeline.withId(id);
    }

    private static long insertReplay(Handle handle, ModeTimeline t, String requestedBy) {
        HysteresisParams p = t.params();
        return handle.createUpdate("""
                        INSERT INTO mode_replay (release, stage, window_from, window_to, symbols, min_active_windows,
                            min_quiet_windows, active_threshold, quiet_threshold, window_seconds, ruleset_sha256,
                            engine_version, requested_by)
                        VALUES (:release, :stage, :from, :to, :symbols, :minActive, :minQuiet, :activeThreshold,
                            :quietThreshold, :window, :sha, :engine, :by)""")
                .bind("release", t.release()).bind("stage", t.stage()).bind("from", t.from()).bind("to", t.to())
                .bindArray("symbols", String.class, t.symbols())
                .bind("minActive", p.minActiveWindows()).bind("minQuiet", p.minQuietWindows())
                .bind("activeThreshold", p.activeThreshold()).bind("quietThreshold", p.quietThreshold())
                .bind("window", (int) p.window().toSeconds())
                .bind("sha", t.rulesetSha256()).bind("engine", EngineVersion.describe()).bind("by", requestedBy)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    private static void insertTransitions(Handle handle, long id, ModeTimeline t) {
        PreparedBatch batch = handle.prepareBatch("""
                INSERT INTO mode_transition (replay_id, seq, symbol, window_start, window_end, from_mode, to_mode)
                VALUES (:id, :seq, :symbol, :start, :end, :from, :to)""");
        int seq = 0;
        for (ModeSwitch change : t.switches()) {
            batch.bind("id", id).bind("seq", ++seq).bind("symbol", change.symbol())
                    .bind("start", Timestamp.from(change.ts()))
                    .bind("end", Timestamp.from(change.ts().plus(t.params().window())))
                    .bind("from", change.from().label()).bind("to", change.to().label()).add();
        }
        if (batch.size() > 0) {
            batch.execute();
        }
    }

    private static void insertDays(Handle handle, long id, ModeTimeline t) {
        PreparedBatch batch = handle.prepareBatch("""
                INSERT INTO mode_switch_day (replay_id, symbol, day, windows, switches)
                VALUES (:id, :symbol, :day, :windows, :switches)""");
        for (SwitchDay day : t.days()) {
            batch.bind("id", id).bind("symbol", day.symbol()).bind("day", day.day())
                    .bind("windows", day.windows()).bind("switches", day.switches()).add();
        }
        if (batch.size() > 0) {
            batch.execute();
        }
    }
}
