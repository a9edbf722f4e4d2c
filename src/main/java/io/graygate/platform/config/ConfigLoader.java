package io.graygate.platform.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the release file, the metric catalogue and the stage files it names, checking every key. */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    public static ReleaseConfig load(Path releaseFile) {
        YamlSection release = YamlSection.read(releaseFile);
        release.allowOnly(Set.of("release", "description", "universe", "stages", "metrics", "data_coverage"));
        Path dir = releaseFile.toAbsolutePath().getParent();
        String name = release.string("release");
        release.string("description", "");   // free text, but a text: a list or mapping here is a mistake
        List<String> universe = release.strings("universe");
        MetricCatalogue catalogue = loadCatalogue(dir.resolve(release.string("metrics", "metrics.yaml")));
        YamlSection coverage = release.optionalSection("data_coverage");
        coverage.allowOnly(Set.of("min_day_fraction"));
        double minDayCoverage = coverage.decimal("min_day_fraction", 0.0, 1.0, 0.9);

        List<StageConfig> stages = new ArrayList<>();
        List<String> stageFiles = release.strings("stages");
        for (String stageFile : stageFiles) {
            Path path = dir.resolve(stageFile);
            stages.add(loadStage(path, stages.size() + 1, universe, catalogue));
        }
        Set<String> names = new HashSet<>();
        for (StageConfig stage : stages) {
            if (!names.add(stage.name())) {
                throw release.error("stages", "two stage files use the stage name '" + stage.name() + "'");
            }
        }
        return new ReleaseConfig(releaseFile, name, universe, stages, catalogue, minDayCoverage);
    }

    public static MetricCatalogue loadCatalogue(Path file) {
        YamlSection root = YamlSection.read(file);
        root.allowOnly(Set.of("metrics"));
        Map<String, MetricSpec> metrics = new LinkedHashMap<>();
        for (Map.Entry<String, YamlSection> entry : root.section("metrics").sections().entrySet()) {
            metrics.put(entry.getKey(), metricSpec(entry.getKey(), entry.getValue()));
        }
        return new MetricCatalogue(metrics);
    }

    private static MetricSpec metricSpec(String name, YamlSection m) {
        m.allowOnly(Set.of("unit", "description", "min", "max", "per_symbol", "integer", "min_samples", "baseline"));
        Double min = m.optionalDecimal("min");
        Double max = m.optionalDecimal("max");
        if (min != null && max != null && min > max) {
            throw m.error("max", "must not be below min (" + min + ")");
        }
        BaselineComparison baseline = enumValue(m, "baseline", "none", BaselineComparison::parse, "none, mean or distribution");
        return new MetricSpec(name, m.string("unit"), m.string("description", ""), min, max,
                m.bool("per_symbol", false), m.bool("integer", false), m.integer("min_samples", 1, 1_000_000, 1), baseline);
    }

    static StageConfig loadStage(Path file, int number, List<String> universe, MetricCatalogue catalogue) {
        YamlSection s = YamlSection.read(file);
        s.allowOnly(Set.of("stage", "description", "traffic_percent", "symbols", "observation_days", "hysteresis",
                "active_mode", "throttle_in_quiet", "baseline", "required_metrics", "gate"));
        s.string("description", "");   // free text, but a text
        List<String> symbols = symbols(s, universe);
        Hysteresis hysteresis = hysteresis(s.section("hysteresis"));
        List<String> required = s.strings("required_metrics");
        for (int i = 0; i < required.size(); i++) {
            if (catalogue.find(required.get(i)).isEmpty()) {
                throw s.error("required_metrics[" + i + "]", "unknown metric '" + required.get(i)
                        + "'; it is not in the metric catalogue");
            }
        }
        return new StageConfig(file, s.string("stage"), number, s.integer("traffic_percent", 1, 100), symbols,
                s.integer("observation_days", 1, 366), hysteresis, s.optionalSection("active_mode").scalars(),
                s.bool("throttle_in_quiet", false), baseline(s), required, gate(s));
    }

    /** The mode switch; quiet_threshold defaults to active_threshold (one threshold for both directions). */
    private static Hysteresis hysteresis(YamlSection h) {
        h.allowOnly(Set.of("min_active_windows", "min_quiet_windows", "active_threshold", "quiet_threshold",
                "window_seconds"));
        int minActive = h.integer("min_active_windows", 1, 10_000);
        int minQuiet = h.integer("min_quiet_windows", 1, 10_000);
        double active = h.decimal("active_threshold", 0.0, Double.MAX_VALUE, 0.6);
        double quiet = h.decimal("quiet_threshold", 0.0, Double.MAX_VALUE, active);
        if (quiet > active) {
            throw h.error("quiet_threshold", "must not exceed active_threshold (" + active + "), got " + quiet);
        }
        return new Hysteresis(minActive, minQuiet, active, quiet, h.integer("window_seconds", 1, 86_400, 300));
    }

    /** The gate hysteresis; every key optional, defaults in {@link GateConfig#DEFAULT}. */
    private static GateConfig gate(YamlSection stage) {
        if (!stage.has("gate")) {
            return GateConfig.DEFAULT;
        }
        YamlSection g = stage.section("gate");
        g.allowOnly(Set.of("min_consecutive_passes", "failure_limit", "cool_down"));
        GateConfig d = GateConfig.DEFAULT;
        return new GateConfig(g.integer("min_consecutive_passes", 1, 366, d.minConsecutivePasses()),
                g.integer("failure_limit", 1, 366, d.failureLimit()), duration(g, "cool_down", d.coolDown()));
    }

    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})\\s*([mhd])");

    /** A duration written as whole minutes, hours or days: 30m, 24h, 2d; 0 for none. */
    public static Duration duration(YamlSection section, String key, Duration fallback) {
        if (!section.has(key)) {
            return fallback;
        }
        String text = section.scalarText(key).strip();
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw section.error(key, "expected a duration like 30m, 24h or 2d (or 0), got '" + text + "'");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    private static List<String> symbols(YamlSection s, List<String> universe) {
        if (s.isText("symbols")) {
            if (!s.string("symbols").equals("all")) {
                throw s.error("symbols", "expected a list of symbols or the word all");
            }
            return universe;
        }
        List<String> symbols = s.strings("symbols");
        for (int i = 0; i < symbols.size(); i++) {
            if (!universe.contains(symbols.get(i))) {
                throw s.error("symbols[" + i + "]", "'" + symbols.get(i) + "' is not in the release universe");
            }
        }
        return symbols;
    }

    private static BaselineConfig baseline(YamlSection stage) {
        YamlSection b = stage.section("baseline");
        b.allowOnly(Set.of("method", "reference_days", "reference_from", "reference_to"));
        BaselineMode mode = enumValue(b, "method", null, BaselineMode::parse, "control_group or reference_window");
        LocalDate from = date(b, "reference_from");
        LocalDate to = date(b, "reference_to");
        if ((from == null) != (to == null)) {
            throw b.error(from == null ? "reference_from" : "reference_to", "missing; give both ends of a fixed reference window");
        }
        if (from != null && to.isBefore(from)) {
            throw b.error("reference_to", "is before reference_from");
        }
        return new BaselineConfig(mode, b.integer("reference_days", 1, 366, 7), from, to);
    }

    private static LocalDate date(YamlSection section, String key) {
        if (!section.has(key)) {
            return null;
        }
        String text = section.string(key);
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw section.error(key, "expected a date as YYYY-MM-DD, got '" + text + "'");
        }
    }

    private static <E> E enumValue(YamlSection section, String key, String fallback,
                                   java.util.function.Function<String, E> parse, String expected) {
        String text = fallback == null ? section.string(key) : section.string(key, fallback);
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw section.error(key, "expected " + expected + ", got '" + text + "'");
        }
    }
}
