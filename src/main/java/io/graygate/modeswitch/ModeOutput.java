package io.graygate.modeswitch;

import io.graygate.platform.Json;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Prints a mode timeline as text, JSON or CSV (one row per symbol-day). */
public final class ModeOutput {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private ModeOutput() {
    }

    public static String text(ModeTimeline t) {
        HysteresisParams p = t.params();
        StringBuilder out = new StringBuilder();
        out.append(String.format("modes  %s  %s .. %s  replay #%s; rules %s%n", t.stage(), t.from(), t.to(),
                t.id() == null ? "-" : t.id(), t.rulesetSha256().substring(0, 12)));
        out.append(String.format("min_active_windows %d, min_quiet_windows %d, active_threshold %s, "
                        + "quiet_threshold %s, window %ds%n", p.minActiveWindows(), p.minQuietWindows(),
                p.activeThreshold(), p.quietThreshold(), p.window().toSeconds()));
        for (String symbol : t.symbols()) {
            out.append(symbol).append('\n');
            List<ModeSwitch> switches = t.switchesOf(symbol);
            for (SwitchDay day : t.daysOf(symbol)) {
                out.append(String.format("  %s  %2d switches  %s%n", day.day(), day.switches(), timeline(switches, day)));
            }
        }
        return out.toString().stripTrailing();
    }

    private static String timeline(List<ModeSwitch> switches, SwitchDay day) {
        return switches.stream().filter(s -> s.day().equals(day.day()))
                .map(s -> TIME.format(s.ts()) + " " + s.to().label()).collect(Collectors.joining(", "));
    }

    public static String csv(ModeTimeline t) {
        StringBuilder out = new StringBuilder("symbol,day,windows,switches,timeline\n");
        for (SwitchDay day : t.days()) {
            out.append(day.symbol()).append(',').append(day.day()).append(',').append(day.windows()).append(',')
                    .append(day.switches()).append(',')
                    .append(timeline(t.switchesOf(day.symbol()), day).replace(", ", ";")).append('\n');
        }
        return out.toString().stripTrailing();
    }

    public static String json(ModeTimeline t) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("replayId", t.id());
        root.put("release", t.release());
        root.put("stage", t.stage());
        root.put("from", t.from());
        root.put("to", t.to());
        root.put("params", Map.of("minActiveWindows", t.params().minActiveWindows(),
                "minQuietWindows", t.params().minQuietWindows(), "activeThreshold", t.params().activeThreshold(),
                "quietThreshold", t.params().quietThreshold(), "windowSeconds", t.params().window().toSeconds()));
        root.put("rulesetSha256", t.rulesetSha256());
        List<Map<String, Object>> symbols = new ArrayList<>();
        for (String symbol : t.symbols()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("symbol", symbol);
            s.put("days", t.daysOf(symbol).stream().map(d -> Map.of("day", d.day(), "windows", d.windows(),
                    "switches", d.switches())).toList());
            s.put("switches", t.switchesOf(symbol).stream().map(c -> Map.of("ts", c.ts(), "from", c.from().label(),
                    "to", c.to().label())).toList());
            symbols.add(s);
        }
        root.put("symbols", symbols);
        return Json.writePretty(root);
    }
}
