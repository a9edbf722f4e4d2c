package io.graygate.modeswitch;

import io.graygate.rules.RuleSet;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Replays stored activity through the hysteresis rules for a set of symbols and whole UTC days. Every
 * symbol starts the replay in quiet mode at the first day's midnight, as it does when a stage starts.
 */
public final class ModeReplayer {
    private final Jdbi jdbi;
    private final RuleSet rules;

    public ModeReplayer(Jdbi jdbi, RuleSet rules) {
        this.jdbi = jdbi;
        this.rules = rules;
    }

    public RuleSet rules() {
        return rules;
    }

    public ModeTimeline replay(String release, String stage, List<String> symbols, HysteresisParams params,
                               LocalDate from, LocalDate to) {
        Instant start = startOf(from);
        Instant until = startOf(to.plusDays(1));
        List<ModeSwitch> switches = new ArrayList<>();
        SampledDays days = new SampledDays();
        jdbi.useTransaction(handle -> {
            try (HysteresisSession session = new HysteresisSession(rules, params)) {
                ActivityRuns.stream(handle, symbols, start, until, params, run -> {
                    days.add(run);
                    switches.addAll(session.feed(run));
                });
            }
        });
        switches.sort(Comparator.comparing(ModeSwitch::symbol).thenComparing(ModeSwitch::ts));
        return new ModeTimeline(null, release, stage, from, to, symbols, params, rules.sha256(), switches,
                ModeTimeline.count(days.list(), switches));
    }

    /** Loads the runs once, for replays of several parameter pairs with the same threshold and window. */
    public LoadedRuns load(List<String> symbols, HysteresisParams params, LocalDate from, LocalDate to) {
        Instant start = startOf(from);
        Instant until = startOf(to.plusDays(1));
        List<ActivityRun> runs = new ArrayList<>();
        jdbi.useTransaction(handle -> ActivityRuns.stream(handle, symbols, start, until, params, runs::add));
        SampledDays days = new SampledDays();
        runs.forEach(days::add);
        return new LoadedRuns(runs, days.list());
    }

    /** Runs and sampled days of a window, held in memory. */
    public record LoadedRuns(List<ActivityRun> runs, List<SwitchDay> days) {
    }

    /** Replays loaded runs with one parameter pair; returns the switches per symbol-day. */
    public List<SwitchDay> replay(LoadedRuns loaded, HysteresisParams params) {
        List<ModeSwitch> switches = new ArrayList<>();
        try (HysteresisSession session = new HysteresisSession(rules, params)) {
            loaded.runs().forEach(run -> switches.addAll(session.feed(run)));
        }
        return ModeTimeline.count(loaded.days(), switches);
    }

    /** Windows per symbol-day, summed from the runs (which never cross midnight). */
    private static final class SampledDays {
        private final java.util.Map<String, java.util.Map<LocalDate, Integer>> windows = new java.util.TreeMap<>();

        void add(ActivityRun run) {
            windows.computeIfAbsent(run.symbol(), s -> new java.util.TreeMap<>())
                    .merge(run.startTs().atZone(ZoneOffset.UTC).toLocalDate(), run.windows(), Integer::sum);
        }

        List<SwitchDay> list() {
            List<SwitchDay> out = new ArrayList<>();
            windows.forEach((symbol, days) -> days.forEach((day, n) -> out.add(new SwitchDay(symbol, day, n, 0))));
            return out;
        }
    }

    static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
