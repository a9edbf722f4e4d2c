package io.graygate.intake;

import java.nio.file.Path;
import java.util.Locale;

/** The two file formats graygate reads; both carry the fields ts, metric, value, symbol, source. */
public enum InputFormat {
    CSV,
    JSONL;

    /** By file name: .jsonl / .ndjson / .json are JSON Lines, everything else CSV. */
    public static InputFormat forFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        return name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json") ? JSONL : CSV;
    }
}
