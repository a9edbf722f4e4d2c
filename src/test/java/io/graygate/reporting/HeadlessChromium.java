package io.graygate.reporting;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's chromium, run headless for a page: a screenshot, the DOM after load, and its console output; or
 * driven over the DevTools protocol ({@link #devTools()}) for a flow of several steps such as signing in.
 */
public final class HeadlessChromium {
    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");

    private final Path binary;

    private HeadlessChromium(Path binary) {
        this.binary = binary;
    }

    public static Optional<HeadlessChromium> find() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Stream.of(path.split(java.io.File.pathSeparator))
                .flatMap(dir -> NAMES.stream().map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable).findFirst().map(HeadlessChromium::new);
    }

    /** What a run printed. */
    record Run(int exit, String stdout, String stderr) {
        /** Console messages of the page ("...:CONSOLE:...] message, source: ..."). */
        List<String> consoleLines() {
            return stderr.lines().filter(l -> l.contains(":CONSOLE")).toList();
        }
    }

    Run screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
        return run(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
                "--hide-scrollbars", page.toUri().toString()));
    }

    Run dumpDom(Path page) throws IOException, InterruptedException {
        return run(List.of("--allow-file-access-from-files", "--virtual-time-budget=10000", "--dump-dom",
                page.toUri().toString()));
    }

    /** A browser with one blank tab, driven over the DevTools protocol; close it when done. */
    public DevToolsBrowser devTools() throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("graygate-chromium");
        List<String> command = command(profile);
        command.addAll(List.of("--remote-debugging-port=0", "--remote-allow-origins=*", "about:blank"));
        Path err = Files.createTempFile("chromium", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile()).start();
        return DevToolsBrowser.attach(process, profile, err);
    }

    private List<String> command(Path profile) {
        return new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--enable-logging=stderr", "--v=0",
                "--user-data-dir=" + profile));
    }

    private Run run(List<String> args) throws IOException, InterruptedException {
        List<String> command = command(Files.createTempDirectory("graygate-chromium"));
        command.addAll(args);
        Path out = Files.createTempFile("chromium", ".out");
        Path err = Files.createTempFile("chromium", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("chromium did not finish in 120 s: " + command);
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
