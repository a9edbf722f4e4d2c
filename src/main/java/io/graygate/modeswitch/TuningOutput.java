package io.graygate.modeswitch;

import io.graygate.platform.Json;

import java.util.Locale;

/** Prints a tuning report as a table or as JSON. */
public final class TuningOutput {
    private TuningOutput() {
    }

    public static String text(TuningReport r) {
        StringBuilder out = new StringBuilder();
        int days = r.results().isEmpty() ? 0 : r.results().get(0).symbolDays();
        out.append(String.format(Locale.ROOT, "tune  %s  %s .. %s  %d symbols, %d symbol-days; target %d-%d per day, "
                        + "alert above %d; run #%s; rules %s%n", r.stage(), r.from(), r.to(), r.symbols().size(), days,
                r.target().low(), r.target().high(), r.target().alertAbove(), r.id() == null ? "-" : r.id(),
                r.rulesetSha256().substring(0, 12)));
        out.append("min_active  min_quiet   mean    p95   max  in target  above alert\n");
        for (PairResult p : r.results()) {
            out.append(String.format(Locale.ROOT, "%10d %10d %6.2f %6.1f %5d %9.1f%% %12d%n", p.minActive(),
                    p.minQuiet(), p.mean(), p.p95(), p.max(), 100 * p.shareInTarget(), p.aboveAlert()));
        }
        out.append(r.recommended().map(p -> String.format(Locale.ROOT,
                        "recommended: min_active_windows %d, min_quiet_windows %d (%.1f%% of symbol-days in %d-%d, %d above %d)",
                        p.minActive(), p.minQuiet(), 100 * p.shareInTarget(), r.target().low(), r.target().high(),
                        p.aboveAlert(), r.target().alertAbove()))
                .orElse("no recommendation: no activity samples in the window"));
        return out.toString();
    }

    public static String json(TuningReport r) {
        java.util.Map<String, Object> root = new java.util.LinkedHashMap<>(Json.MAPPER.convertValue(r, java.util.Map.class));
        root.put("recommended", r.recommended().orElse(null));
        return Json.writePretty(root);
    }
}
