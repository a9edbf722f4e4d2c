package io.graygate.tools.agent;

import io.graygate.release.StateView;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The env file a strategy reads: written atomically (a temporary file in the same directory, fsync, rename over
 * the old one, fsync of the directory), so a strategy that starts at any moment reads either the old state or the
 * new one, never half of one, and a crash leaves one of them on disk.
 */
public final class EnvFile {
    /** The most of an env file {@link #read} accepts. */
    static final long MAX_BYTES = 4L * 1024 * 1024;

    private final Path path;

    public EnvFile(Path path) {
        this.path = path.toAbsolutePath();
    }

    public Path path() {
        return path;
    }

    /** Replaces the file's content with these lines (as {@link StateView#envFile}); returns their SHA-256. */
    public String write(List<String> lines) throws IOException {
        byte[] bytes = StateView.envFile(lines).getBytes(StandardCharsets.UTF_8);
        Path dir = path.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + path.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace " + path + " atomically (" + e.getMessage()
                        + "); put the env file on a local file system", e);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(dir);
        return StateView.envHash(lines);
    }

    /** Makes the rename durable; file systems that cannot open a directory for sync are left as they are. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows and some network file systems refuse this; the rename itself is still atomic.
        }
    }

    /**
     * The assignments in an env file: {@code NAME=value} per line; blank lines and lines starting with '#' are
     * skipped; anything else is an IOException naming the file and line.
     */
    public static Map<String, String> read(Path file) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException(file + ": larger than " + MAX_BYTES + " bytes");
        }
        Map<String, String> values = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 1 || !line.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IOException(file + ":" + (i + 1) + ": expected NAME=value, got '"
                        + (line.length() > 60 ? line.substring(0, 60) + "..." : line) + "'");
            }
            values.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return values;
    }
}
