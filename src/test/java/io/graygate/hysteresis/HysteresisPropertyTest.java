package io.graygate.hysteresis;

import io.graygate.rules.RuleSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
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

    /** One symbol's windows: each is active or quiet, and some come after a gap of missing windows. */
    record Series(HysteresisParams params, List<Instant> ts, List<Boolean> active) {
    }

    @Provide
    Arbitrary<Series> series() {
        Arbitrary<Integer> minActive = Arbitraries.integers().between(1, 8);
        Arbitrary<Integer> minQuiet = Arbitraries.integers().between(1, 12);
        // streaky input: runs of 1-15 windows, so that both thresholds are sometimes reached
        Arbitrary<List<Integer>> runLengths = Arbitraries.integers().between(1, 15).list().ofMaxSize(40);
        Arbitrary<List<Integer>> gaps = Arbitraries.integers().between(0, 30).list().ofSize(40);
        Arbitrary<Boolean> firstActive = Arbitraries.of(true, false);
        return Combinators.combine(minActive, minQuiet, runLengths, gaps, firstActive)
                .as(HysteresisPropertyTest::build);
    }

    private static Series build(int minActive, int minQuiet, List<Integer> runs, List<Integer> gaps, boolean first) {
        List<Instant> ts = new ArrayList<>();
        List<Boolean> active = new ArrayList<>();
        long slot = 0;
        boolean side = first;
        for (int r = 0; r < runs.size(); r++) {
            slot += gaps.get(r) > 25 ? gaps.get(r) - 24 : 0;   // about one run in six starts after a gap
            for (int w = 0; w < runs.get(r); w++) {
                ts.add(START.plus(WINDOW.multipliedBy(slot++)));
                active.add(side);
            }
            side = gaps.get(r) % 5 == 0 ? side : !side;      // now and then two runs on the same side
        }
        return new Series(new HysteresisParams(minActive, minQuiet, 0.6, WINDOW), ts, active);
    }

    private static List<ModeSwitch> plain(Series s) {
        PlainHysteresis machine = new PlainHysteresis("X", s.params());
        List<ModeSwitch> out = new ArrayList<>();
        for (int i = 0; i < s.ts().size(); i++) {
            machine.stepWindow(s.ts().get(i), s.active().get(i)).ifPresent(out::add);
        }
        return out;
    }

    private static List<ModeSwitch> drlOverRuns(Series s) {
        RunEncoder encoder = new RunEncoder("X", s.params());
        for (int i = 0; i < s.ts().size(); i++) {
            encoder.add(s.ts().get(i), s.active().get(i));
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
                out.addAll(session.feed(ActivityRun.single("X", s.active().get(i), s.ts().get(i))));
            }
        }
        return out;
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
            assertThat(at).as("switch at a sampled window").isGreaterThanOrEqualTo(needed - 1);
            for (int i = at - needed + 1; i <= at; i++) {
                assertThat(s.active().get(i)).as("window %d of the streak before %s", i, change).isEqualTo(toActive);
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
