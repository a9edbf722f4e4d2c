package io.graygate.intake.prometheus;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus (Debian's {@code prometheus} and {@code promtool}) serving data backfilled from an
 * OpenMetrics text with {@code promtool tsdb create-blocks-from openmetrics}. The blocks are written before
 * the server starts, because Prometheus loads blocks at start-up.
 */
final class RealPrometheus implements AutoCloseable {
    private static final Duration READY_WITHIN = Duration.ofSeconds(90);

    private final Process process;
    private final String url;
    private final Path log;

    private RealPrometheus(Process process, String url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    static boolean installed() {
        return onPath("prometheus").isPresent() && onPath("promtool").isPresent();
    }

    static RealPrometheus start(Path dir, String openMetrics) throws IOException, InterruptedException {
        Path input = dir.resolve("backfill.om");
        Path data = dir.resolve("tsdb");
        Files.writeString(input, openMetrics, StandardCharsets.UTF_8);
        run(dir, "promtool", "tsdb", "create-blocks-from", "openmetrics", input.toString(), data.toString());

        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, "global:\n  scrape_interval: 1h\n", StandardCharsets.UTF_8);
        int port = freePort();
        Path log = dir.resolve("prometheus.log");
        Process process = new ProcessBuilder("prometheus", "--storage.tsdb.path=" + data,
                "--web.listen-address=127.0.0.1:" + port, "--config.file=" + config,
                "--storage.tsdb.retention.time=100y")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RealPrometheus prometheus = new RealPrometheus(process, "http://127.0.0.1:" + port, log);
        try {
            prometheus.awaitReady();
        } catch (IOException | RuntimeException | InterruptedException e) {
            prometheus.close();
            throw e;
        }
        return prometheus;
    }

    String url() {
        return url;
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url + "/-/ready")).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("prometheus was not ready within " + READY_WITHIN + ":\n" + Files.readString(log));
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Path output = dir.resolve(command[0] + ".out");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + Files.readString(output));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Optional<Path> onPath(String binary) {
        String path = System.getenv().getOrDefault("PATH", "");
        return List.of(path.split(File.pathSeparator)).stream()
                .map(folder -> Path.of(folder, binary))
                .filter(Files::isExecutable)
                .findFirst();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
