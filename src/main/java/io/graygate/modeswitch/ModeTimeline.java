package io.graygate.modeswitch;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A replay's result: every switch in time order per symbol, and the switches per symbol-day.
 *
 * @param id the stored replay's id, null before it is stored
 */
public record ModeTimeline(Long id, String release, String stage, LocalDate from, LocalDate to, List<String> symbols,
                           HysteresisParams params, String rulesetSha256, List<ModeSwitch> switches,
                           List<SwitchDay> days) {

    public ModeTimeline {
        symbols = List.copyOf(symbols);
        switches = List.copyOf(switches);
        days = List.copyOf(days);
    }

    public ModeTimeline withId(long stored) {
        return new ModeTimeline(stored, release, stage, from, to, symbols, params, rulesetSha256, switches, days);
    }

    /** Counts the switches into the symbol-days; a switch on a day without samples gets a day of its own. */
    static List<SwitchDay> count(List<SwitchDay> sampledDays, List<ModeSwitch> switches) {
        Map<String, Integer> perDay = new HashMap<>();
        for (ModeSwitch change : switches) {
            perDay.merge(change.symbol() + "|" + change.day(), 1, Integer::sum);
        }
        List<SwitchDay> out = new ArrayList<>();
        for (SwitchDay day : sampledDays) {
            out.add(day.withSwitches(perDay.getOrDefault(day.symbol() + "|" + day.day(), 0)));
        }
        return out;
    }

    public List<ModeSwitch> switchesOf(String symbol) {
        return switches.stream().filter(s -> s.symbol().equals(symbol)).toList();
    }

    public List<SwitchDay> daysOf(String symbol) {
        return days.stream().filter(d -> d.symbol().equals(symbol)).toList();
    }
}
