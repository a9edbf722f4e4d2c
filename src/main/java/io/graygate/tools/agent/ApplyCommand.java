package io.graygate.tools.agent;

import io.graygate.release.agents.ReportSubmission;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The command that makes the strategy pick up its env file (a restart or reload), run directly: no shell unless
 * the operator names one as the command. Its run time is bounded, and the end of its output is kept.
 */
public final class ApplyCommand {
    private final List<String> argv;
    private final Duration timeout;

    /** What one run came to; {@code exitCode} is null when it was stopped at the time limit or did not start. */
    public record Outcome(Integer exitCode, String output, String problem) {
        public boolean succeeded() {
            return exitCode != null && exitCode == 0;
        }
    }

    public ApplyCommand(List<String> argv, Duration timeout) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("the apply command is empty");
        }
        this.argv = List.copyOf(argv);
        this.timeout = timeout;
    }

    public List<String> argv() {
        return argv;
    }

    /** Runs it with {@code GRAYGATE_ENV_FILE} naming the env file just written. */
    public Outcome run(Path envFile, String stateHash) {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
        builder.environment().put("GRAYGATE_ENV_FILE", envFile.toString());
        builder.environment().put("GRAYGATE_STATE_HASH", stateHash);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Outcome(null, "", "cannot start " + argv.get(0) + ": " + e.getMessage());
        }
        TailReader output = new TailReader(process.getInputStream(), ReportSubmission.MAX_OUTPUT);
        Thread reader = new Thread(output, "graygate-apply-output");
        reader.setDaemon(true);
        reader.start();
        try {
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                reader.join(1000);
                return new Outcome(null, output.text(), "stopped after the time limit of " + timeout.toSeconds() + " s");
            }
            reader.join(1000);
            return new Outcome(process.exitValue(), output.text(), "");
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Outcome(null, output.text(), "interrupted");
        } catch (IOException e) {
            return new Outcome(null, output.text(), "cannot close its input: " + e.getMessage());
        }
    }

    /** Reads a stream to its end, keeping its last {@code max} characters. */
    private static final class TailReader implements Runnable {
        private final InputStream in;
        private final int max;
        private final StringBuilder tail = new StringBuilder();

        TailReader(InputStream in, int max) {
            this.in = in;
            this.max = max;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    synchronized (tail) {
                        tail.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                        if (tail.length() > 2 * max) {
                            tail.delete(0, tail.length() - max);
                        }
                    }
                }
            } catch (IOException e) {
                // The process ended or was killed; what was read is kept.
            }
        }

        String text() {
            synchronized (tail) {
                return ReportSubmission.tail(tail.toString(), max);
            }
        }
    }
}
