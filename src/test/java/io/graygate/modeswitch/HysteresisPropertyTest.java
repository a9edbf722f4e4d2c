package io.graygate.modeswitch;

import io.graygate.rules.RuleSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The DRL hysteresis against the plain state machine, and the invariants of any hysteresis. */
class HysteresisPropertyTest {
    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static RuleSet rules;

    @BeforeContainer
    static void loadRules() {
        rules = HysteresisRules.load(Path.of("rules"));
    }

    /** One symbol's activity windows, some after a gap of missing windows; params may have two thresholds. */
    record Series(HysteresisParams params, List<Instant> ts, List<Double> activity) {
        Band band(int i) {
            return params.bandOf(activity.get(i));
        }
    }

    @Provide
    Arbitrary<Series> series() {
        Arbitrary<Integer> minActive = Arbitraries.integers().between(1, 8);
        Arbitrary<Integer> minQuiet = Arbitraries.integers().between(1, 12);
        // one threshold (the shipped default) or an exit threshold below the enter threshold
        Arbitrary<Double> quietThreshold = Arbitraries.of(ACTIVE_THRESHOLD, 0.45, 0.3);
        // streaky input: runs of 1-15 windows, so that both streaks are sometimes reached
        Arbitrary<List<Integer>> runLengths = Arbitraries.integers().between(1, 15).list().ofMaxSize(40);
        Arbitrary<List<Integer>> gaps = Arbitraries.integers().between(0, 30).list().ofSize(40);
        Arbitrary<List<Integer>> levels = Arbitraries.integers().between(0, LEVELS - 1).list().ofSize(40);
        return Combinators.combine(minActive, minQuiet, quietThreshold, runLengths, gaps, levels)
                .as(HysteresisPropertyTest::build);
    }

    private static final double ACTIVE_THRESHOLD = 0.6;
    private static final int LEVELS = 7;

    /** Activity levels that hit every band and both thresholds exactly (with one threshold, 2 and 3 are active). */
    private static double level(int n, double quiet) {
        return switch (n) {
            case 0 -> 1.0;
            case 1 -> ACTIVE_THRESHOLD;                       // active: reaches the enter threshold
            case 2 -> (quiet + ACTIVE_THRESHOLD) / 2;         // between
            case 3 -> quiet;                                  // between: not below the exit threshold
            case 4 -> quiet - 0.01;
            default -> 0.0;
        };
    }

    private static Series build(int minActive, int minQuiet, double quiet, List<Integer> runs, List<Integer> gaps,
                                List<Integer> levels) {
        List<Instant> ts = new ArrayList<>();
        List<Double> activity = new ArrayList<>();
        long slot = 0;
        for (int r = 0; r < runs.size(); r++) {
            slot += gaps.get(r) > 25 ? gaps.get(r) - 24 : 0;   // about one run in six starts after a gap
            for (int w = 0; w < runs.get(r); w++) {
                ts.add(START.plus(WINDOW.multipliedBy(slot++)));
                activity.add(level(levels.get(r), quiet));
            }
        }
        return new Series(new HysteresisParams(minActive, minQuiet, ACTIVE_THRESHOLD, quiet, WINDOW), ts, activity);
    }

    private static List<ModeSwitch> plain(Series s) {
        PlainHysteresis machine = new PlainHysteresis("X", s.params());
        List<ModeSwitch> out = new ArrayList<>();
        for (int i = 0; i < s.ts().size(); i++) {
            machine.step(s.ts().get(i), s.activity().get(i)).ifPresent(out::add);
        }
        return out;
    }

    private static List<ModeSwitch> drlOverRuns(Series s) {
        RunEncoder encoder = new RunEncoder("X", s.params());
        for (int i = 0; i < s.ts().size(); i++) {
            encoder.add(s.ts().get(i), s.band(i));
        }
        List<ModeSwitch> out = new ArrayList<>();
        try (HysteresisSession session = new HysteresisSession(rules, s.params())) {
            encoder.finish().forEach(run -> out.addAll(session.feed(run)));
        }
        return out;
    }

    private static List<ModeSwitch> drlWindowByWindow(Series s) {
        List<ModeSwitch> out = new ArrayList<>();
        try (HysteresisSession session = new HysteresisSession(rules, s.params())) {
            for (int i = 0; i < s.ts().size(); i++) {
                out.addAll(session.feed(ActivityRun.single("X", s.band(i), s.ts().get(i))));
            }
        }
        return out;
    }

    private static Series fiveMinuteSeries(HysteresisParams params, double... activity) {
        List<Instant> ts = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < activity.length; i++) {
            ts.add(START.plus(WINDOW.multipliedBy(i)));
            values.add(activity[i]);
        }
        return new Series(params, ts, values);
    }

    /**
     * Enter at 0.6, leave below 0.4, two windows to enter and three to leave. Worked by hand: windows 0-1
     * reach 0.6, so the switch to active is at window 1; windows 2-7 hover between the thresholds and never
     * switch back (with one threshold of 0.6 they would, at window 4); at 8-9 two quiet windows are broken by
     * 0.5 at window 10, so the quiet streak restarts at 11 and switches at window 13; windows 14-19 alternate
     * around 0.6 and never make two active windows in a row, so the symbol stays quiet.
     */
    @Example
    void activityHoveringBetweenTheThresholdsNeverFlaps() {
        double[] activity = {0.7, 0.7, 0.5, 0.55, 0.45, 0.4, 0.59, 0.5, 0.3, 0.3, 0.5, 0.3, 0.2, 0.39,
                0.5, 0.65, 0.5, 0.65, 0.45, 0.6};
        Series twoThresholds = fiveMinuteSeries(new HysteresisParams(2, 3, 0.6, 0.4, WINDOW), activity);
        List<ModeSwitch> expected = List.of(
                new ModeSwitch("X", START.plus(WINDOW.multipliedBy(1)), Mode.QUIET, Mode.ACTIVE),
                new ModeSwitch("X", START.plus(WINDOW.multipliedBy(13)), Mode.ACTIVE, Mode.QUIET));

        assertThat(plain(twoThresholds)).isEqualTo(expected);
        assertThat(drlOverRuns(twoThresholds)).isEqualTo(expected);
        assertThat(drlWindowByWindow(twoThresholds)).isEqualTo(expected);

        Series oneThreshold = fiveMinuteSeries(new HysteresisParams(2, 3, 0.6, WINDOW), activity);
        assertThat(drlOverRuns(oneThreshold)).as("one threshold switches back inside the hovering")
                .startsWith(expected.get(0),
                        new ModeSwitch("X", START.plus(WINDOW.multipliedBy(4)), Mode.ACTIVE, Mode.QUIET));
    }

    @Property(tries = 300)
    void drlOverRunsDecidesExactlyAsThePlainStateMachine(@ForAll("series") Series s) {
        assertThat(drlOverRuns(s)).isEqualTo(plain(s));
    }

    @Property(tries = 150)
    void drlFedOneWindowAtATimeDecidesExactlyAsThePlainStateMachine(@ForAll("series") Series s) {
        assertThat(drlWindowByWindow(s)).isEqualTo(plain(s));
    }

    @Property(tries = 300)
    void noSwitchWithoutTheRequiredStreakOfGaplessWindows(@ForAll("series") Series s) {
        for (ModeSwitch change : drlOverRuns(s)) {
            int at = s.ts().indexOf(change.ts());
            boolean toActive = change.to() == Mode.ACTIVE;
            int needed = toActive ? s.params().minActiveWindows() : s.params().minQuietWindows();
            Band streakBand = toActive ? Band.ACTIVE : Band.QUIET;
            assertThat(at).as("switch at a sampled window").isGreaterThanOrEqualTo(needed - 1);
            for (int i = at - needed + 1; i <= at; i++) {
                assertThat(s.band(i)).as("window %d of the streak before %s", i, change).isEqualTo(streakBand);
                if (i > at - needed + 1) {
                    assertThat(Duration.between(s.ts().get(i - 1), s.ts().get(i))).as("no gap inside the streak")
                            .isEqualTo(WINDOW);
                }
            }
        }
    }

    @Property(tries = 300)
    void modeNeverFlipsTwiceWithinTheShorterStreak(@ForAll("series") Series s) {
        List<ModeSwitch> changes = drlOverRuns(s);
        int shorter = Math.min(s.params().minActiveWindows(), s.params().minQuietWindows());
        for (int i = 1; i < changes.size(); i++) {
            long windowsApart = Duration.between(changes.get(i - 1).ts(), changes.get(i).ts()).dividedBy(WINDOW);
            assertThat(windowsApart).as("%s then %s", changes.get(i - 1), changes.get(i)).isGreaterThanOrEqualTo(shorter);
            assertThat(changes.get(i).from()).isEqualTo(changes.get(i - 1).to());
        }
        if (!changes.isEmpty()) {
            assertThat(changes.get(0).from()).as("every symbol starts quiet").isEqualTo(Mode.QUIET);
        }
    }
}
