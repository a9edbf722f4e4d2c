package io.graygate.modeswitch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes tuned hysteresis values into a stage file by replacing only the two numbers inside its
 * {@code hysteresis:} section, so every comment, key order and blank line of the file stays as it was.
 */
public final class StageFileEditor {
    private static final Pattern SECTION = Pattern.compile("^hysteresis:\\s*(#.*)?$");
    private static final Pattern TOP_LEVEL = Pattern.compile("^[^\\s#].*");

    private StageFileEditor() {
    }

    public static void writeHysteresis(Path file, int minActive, int minQuiet) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> edited = edit(file, lines, minActive, minQuiet);
            String text = String.join("\n", edited) + "\n";
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static List<String> edit(Path file, List<String> lines, int minActive, int minQuiet) {
        List<String> out = new ArrayList<>(lines);
        int[] replaced = new int[2];
        boolean inSection = false;
        for (int i = 0; i < out.size(); i++) {
            String line = out.get(i);
            if (SECTION.matcher(line).matches()) {
                inSection = true;
            } else if (TOP_LEVEL.matcher(line).matches()) {
                inSection = false;
            } else if (inSection) {
                out.set(i, replace(replace(line, "min_active_windows", minActive, replaced, 0),
                        "min_quiet_windows", minQuiet, replaced, 1));
            }
        }
        if (replaced[0] != 1 || replaced[1] != 1) {
            throw new IllegalArgumentException(file + ": expected one hysteresis.min_active_windows and one "
                    + "hysteresis.min_quiet_windows line to replace, found " + replaced[0] + " and " + replaced[1]);
        }
        return out;
    }

    private static String replace(String line, String key, int value, int[] replaced, int slot) {
        Matcher m = Pattern.compile("^(\\s+" + key + ":\\s*)\\d+(.*)$").matcher(line);
        if (!m.matches()) {
            return line;
        }
        replaced[slot]++;
        return m.group(1) + value + m.group(2);
    }
}
