package io.graygate.platform.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads config/service.yaml. Each token gives exactly one of {@code sha256} (the hash, hex), {@code token_env}
 * (an environment variable holding the secret) or {@code token_file} (a file holding it); secrets are hashed
 * on load and only the hash is kept.
 */
public final class ServiceConfigLoader {
    private ServiceConfigLoader() {
    }

    public static ServiceConfig load(Path file, Map<String, String> env) {
        YamlSection root = YamlSection.read(file);
        root.allowOnly(Set.of("listen", "tokens", "page", "rules", "schedule",
                "prometheus_pull",     // read by io.graygate.intake.prometheus.PullSettings
                "audit"));             // audit.key_file, read by serve (io.graygate.audit.AuditSetup)
        YamlSection listen = root.optionalSection("listen");
        listen.allowOnly(Set.of("host", "port"));
        List<ServiceToken> tokens = new ArrayList<>();
        for (Map.Entry<String, YamlSection> entry : root.section("tokens").sections().entrySet()) {
            ServiceToken token = token(file, entry.getKey(), entry.getValue(), env);
            // One secret for two tokens would let the caller's role depend on which entry matched.
            for (ServiceToken other : tokens) {
                if (other.sha256().equals(token.sha256())) {
                    throw entry.getValue().error("sha256", "token '" + token.name() + "' has the same secret as token '"
                            + other.name() + "'; give every token its own secret");
                }
            }
            tokens.add(token);
        }
        return new ServiceConfig(listen.string("host", "127.0.0.1"), listen.integer("port", 0, 65535, 8080), tokens,
                page(root.optionalSection("page")), rulesReload(root.optionalSection("rules")),
                root.has("schedule") ? ScheduleConfigReader.read(root.section("schedule")) : ScheduleConfig.disabled());
    }

    private static PageSettings page(YamlSection page) {
        page.allowOnly(Set.of("refresh_seconds", "session_hours"));
        PageSettings defaults = PageSettings.DEFAULTS;
        return new PageSettings(page.integer("refresh_seconds", 5, 3600, defaults.refreshSeconds()),
                Duration.ofHours(page.integer("session_hours", 1, 168, (int) defaults.sessionTtl().toHours())));
    }

    private static ServiceConfig.RulesReload rulesReload(YamlSection rules) {
        rules.allowOnly(Set.of("reload", "poll_seconds"));
        ServiceConfig.RulesReload fallback = ServiceConfig.RulesReload.DEFAULT;
        return new ServiceConfig.RulesReload(rules.bool("reload", fallback.watch()),
                rules.integer("poll_seconds", 1, 3600, fallback.pollSeconds()));
    }

    private static ServiceToken token(Path file, String name, YamlSection t, Map<String, String> env) {
        t.allowOnly(Set.of("role", "sha256", "token_env", "token_file"));
        Role role;
        try {
            role = Role.parse(t.string("role"));
        } catch (IllegalArgumentException e) {
            throw t.error("role", "expected viewer, analyst, operator, ingest or agent, got '" + t.string("role") + "'");
        }
        List<String> given = List.of("sha256", "token_env", "token_file").stream().filter(t::has).toList();
        if (given.size() != 1) {
            throw t.error("sha256", "give exactly one of sha256, token_env, token_file (got " + given + ")");
        }
        return new ServiceToken(name, role, hashOf(file, t, given.get(0), env));
    }

    private static String hashOf(Path file, YamlSection t, String key, Map<String, String> env) {
        String value = t.string(key);
        return switch (key) {
            case "sha256" -> {
                if (!value.matches("[0-9a-f]{64}")) {
                    throw t.error(key, "expected 64 lowercase hex digits");
                }
                yield value;
            }
            case "token_env" -> {
                String secret = env.get(value);
                if (secret == null || secret.isBlank()) {
                    throw t.error(key, "environment variable " + value + " is not set");
                }
                yield sha256(secret.strip());
            }
            default -> sha256(readSecret(file, t, key, value));
        };
    }

    private static String readSecret(Path file, YamlSection t, String key, String value) {
        Path secretFile = file.toAbsolutePath().getParent().resolve(value);
        try {
            return Files.readString(secretFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw t.error(key, "cannot read " + secretFile + ": " + e.getMessage());
        }
    }

    public static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
