package io.graygate.platform.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A config file over 1 MB is refused at once, naming the file and its size, before any YAML is parsed. */
class ConfigSizeTest {

    @Test
    void aReleaseFileOverOneMegabyteIsRefusedBeforeParsing(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("release.yaml");
        StringBuilder yaml = new StringBuilder("release: big\ndescription: padding\nuniverse: [");
        while (yaml.length() <= YamlSection.MAX_FILE_BYTES) {
            yaml.append("SYMBOLUSDT, ");
        }
        Files.writeString(file, yaml.append("X]\n"), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("bytes; config files are at most 1048576 bytes (1 MB)");
    }
}
