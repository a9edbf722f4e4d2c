package io.graygate.platform.config;

import java.nio.file.Path;

/** A configuration file that cannot be used; the message names the file, the key and what was expected. */
public class ConfigException extends RuntimeException {
    public ConfigException(Path file, String key, String problem) {
        super(file + (key.isEmpty() ? "" : ": " + key) + ": " + problem);
    }

    public ConfigException(String message) {
        super(message);
    }
}
