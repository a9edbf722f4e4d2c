package io.graygate.tools.bench;

import org.jdbi.v3.core.Jdbi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The machine a benchmark ran on, read once at its start: the figures only mean something next to the
 * cores, the Java and PostgreSQL versions and how loaded the machine already was.
 */
public record Machine(int cores, String java, long maxHeapMb, String postgres, String loadAverage) {

    public static Machine describe(Jdbi jdbi) {
        Runtime rt = Runtime.getRuntime();
        String postgres = jdbi.withHandle(h -> h.createQuery("SHOW server_version").mapTo(String.class).one());
        return new Machine(rt.availableProcessors(), System.getProperty("java.version"), rt.maxMemory() >> 20,
                postgres, readLoadAverage());
    }

    /** The 1, 5 and 15 minute load averages from /proc/loadavg, or "unknown" off Linux. */
    static String readLoadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return "unknown";
        }
    }

    public String line() {
        return String.format(Locale.ROOT, "machine: %d cores, Java %s (max heap %d MB), PostgreSQL %s, load average at start %s",
                cores, java, maxHeapMb, postgres, loadAverage);
    }
}
