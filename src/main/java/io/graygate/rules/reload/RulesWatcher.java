package io.graygate.rules.reload;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Polls the rules directory (rule files, scenarios, signature: every file under it) and reloads the live
 * set when its contents changed. Debounced: a change is acted on only once two polls in a row saw the same
 * contents, so an editor saving several files, or a checkout in progress, is not compiled half-way.
 * Polling by content hash, not a WatchService, so it works on mounted volumes and sees every kind of edit.
 */
public final class RulesWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RulesWatcher.class);
    public static final String LOADED_BY = "serve:watch";

    private final LiveRuleSet rules;
    private final Path dir;
    private String lastSeen;
    private String lastActedOn;
    private ScheduledExecutorService timer;

    public RulesWatcher(LiveRuleSet rules) {
        this.rules = rules;
        this.dir = rules.rulesDir();
        this.lastSeen = fingerprint();
        this.lastActedOn = lastSeen;
    }

    public LiveRuleSet rules() {
        return rules;
    }

    /** Polls every {@code interval} on a daemon thread until closed. */
    public RulesWatcher start(Duration interval) {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "graygate-rules-watch");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::pollSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * One poll; returns the reload's result when it reloaded. Called by the timer, or directly (tests).
     */
    public synchronized Optional<ReloadResult> poll() {
        String now = fingerprint();
        if (!now.equals(lastSeen)) {
            lastSeen = now;
            return Optional.empty();
        }
        if (now.equals(lastActedOn)) {
            return Optional.empty();
        }
        lastActedOn = now;
        return Optional.of(rules.reload(LOADED_BY));
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            // The timer would stop for good on an exception; one bad poll must not end hot reload.
            LOG.warn("rules watch: poll of {} failed: {}", dir, e.toString());
        }
    }

    /** SHA-256 over every file's relative path and content; a missing directory has its own value. */
    String fingerprint() {
        if (!Files.isDirectory(dir)) {
            return "missing";
        }
        MessageDigest digest = sha256();
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
            for (Path file : files) {
                digest.update(dir.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(Files.readAllBytes(file));
                digest.update((byte) 0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
