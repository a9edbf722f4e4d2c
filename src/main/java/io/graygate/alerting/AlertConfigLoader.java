package io.graygate.alerting;

import io.graygate.platform.config.YamlSection;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads config/alerts.yaml. Webhook URLs are secrets: a channel names the environment variable holding its
 * URL ({@code url_env}); a variable that is not set is an error, so a page cannot be lost silently.
 */
public final class AlertConfigLoader {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*([smhd])");

    private AlertConfigLoader() {
    }

    public static AlertConfig load(Path file, Map<String, String> env) {
        YamlSection root = YamlSection.read(file);
        root.allowOnly(Set.of("channels", "escalation", "delivery", "stale_data", "links"));
        Map<String, Channel> channels = new LinkedHashMap<>();
        for (Map.Entry<String, YamlSection> entry : root.optionalSection("channels").sections().entrySet()) {
            channels.put(entry.getKey(), channel(entry.getKey(), entry.getValue(), env));
        }
        List<EscalationLevel> levels = escalation(root, channels);
        YamlSection links = root.optionalSection("links");
        links.allowOnly(Set.of("base_url"));
        URI linkBase = links.has("base_url") ? url(links, "base_url", links.string("base_url")) : null;
        return new AlertConfig(channels, levels, delivery(root.optionalSection("delivery")),
                staleData(root.optionalSection("stale_data")), linkBase);
    }

    private static Channel channel(String name, YamlSection c, Map<String, String> env) {
        c.allowOnly(Set.of("type", "url_env"));
        ChannelType type;
        try {
            type = ChannelType.valueOf(c.string("type").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw c.error("type", "expected slack or generic, got '" + c.string("type") + "'");
        }
        String variable = c.string("url_env");
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            throw c.error("url_env", "environment variable " + variable + " is not set");
        }
        return new Channel(name, type, url(c, "url_env", value.strip()));
    }

    private static URI url(YamlSection section, String key, String text) {
        try {
            URI uri = new URI(text);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw section.error(key, "expected an http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw section.error(key, "not a URL: " + e.getReason());
        }
    }

    private static List<EscalationLevel> escalation(YamlSection root, Map<String, Channel> channels) {
        List<EscalationLevel> levels = new ArrayList<>();
        List<YamlSection> items = root.mappings("escalation");
        for (YamlSection level : items) {
            level.allowOnly(Set.of("notify", "after"));
            Duration after = duration(level, "after", "0m");
            List<String> notify = level.strings("notify");
            for (int i = 0; i < notify.size(); i++) {
                if (!channels.containsKey(notify.get(i))) {
                    throw level.error("notify[" + i + "]", "no channel named '" + notify.get(i) + "'; channels: "
                            + channels.keySet());
                }
            }
            if (!levels.isEmpty() && after.compareTo(levels.get(levels.size() - 1).after()) <= 0) {
                throw level.error("after", "must be later than the previous level's " + levels.get(levels.size() - 1).after());
            }
            levels.add(new EscalationLevel(after, notify));
        }
        return levels;
    }

    private static DeliveryPolicy delivery(YamlSection d) {
        d.allowOnly(Set.of("max_attempts", "backoff", "timeout", "poll"));
        Duration timeout = duration(d, "timeout", "10s");
        Duration poll = duration(d, "poll", "15s");
        if (timeout.isZero() || poll.isZero()) {
            throw d.error(timeout.isZero() ? "timeout" : "poll", "must be longer than 0");
        }
        return new DeliveryPolicy(d.integer("max_attempts", 1, 50, 5), duration(d, "backoff", "30s"), timeout, poll);
    }

    private static StaleDataPolicy staleData(YamlSection s) {
        s.allowOnly(Set.of("max_age", "metrics"));
        if (!s.has("metrics")) {
            return new StaleDataPolicy(Duration.ZERO, List.of());
        }
        Duration maxAge = duration(s, "max_age", null);
        if (maxAge.isZero()) {
            throw s.error("max_age", "must be longer than 0");
        }
        return new StaleDataPolicy(maxAge, s.strings("metrics"));
    }

    /** "30s", "15m", "2h", "1d". */
    static Duration duration(YamlSection section, String key, String fallback) {
        String text = fallback == null ? section.scalarText(key) : section.scalarText(key, fallback);
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            throw section.error(key, "expected a duration like 30s, 15m, 2h or 1d, got '" + text + "'");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}
