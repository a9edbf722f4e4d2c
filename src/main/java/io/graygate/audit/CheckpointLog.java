package io.graygate.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.graygate.platform.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The append-only checkpoint file ({@code GRAYGATE_HOME/audit/checkpoints.jsonl}): one JSON line per
 * checkpoint, appended under a file lock (several graygate processes may share the home) and forced to disk
 * before the append returns. It lives outside the database, so a database administrator who truncates or
 * rechains the chain cannot make it agree.
 */
public final class CheckpointLog {
    /** Where the checkpoints of a graygate home are kept. */
    public static final String RELATIVE_PATH = "audit/checkpoints.jsonl";

    private final Path file;

    public CheckpointLog(Path file) {
        this.file = file;
    }

    public static CheckpointLog under(Path graygateHome) {
        return new CheckpointLog(graygateHome.resolve(RELATIVE_PATH));
    }

    public Path file() {
        return file;
    }

    /** Appends one checkpoint and forces it to disk. */
    public synchronized void append(Checkpoint checkpoint) {
        byte[] line = (Json.write(checkpoint) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND); FileLock ignored = channel.lock()) {
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append the audit checkpoint to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every checkpoint in a file, in file order; a line that is not a checkpoint is an error naming it. */
    public static List<Checkpoint> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint file " + file + ": " + e.getMessage(), e);
        }
        List<Checkpoint> checkpoints = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                Checkpoint c = Json.MAPPER.readValue(line, Checkpoint.class);
                if (c.hash() == null || !c.hash().matches("[0-9a-f]{64}") || c.seq() < 1) {
                    throw new IllegalArgumentException(file + " line " + (i + 1) + ": a checkpoint needs seq >= 1 and a "
                            + "64-digit hex hash");
                }
                checkpoints.add(c);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": not a checkpoint: " + e.getOriginalMessage(), e);
            }
        }
        return checkpoints;
    }
}
