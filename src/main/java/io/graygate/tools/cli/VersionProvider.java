package io.graygate.tools.cli;

import io.graygate.platform.EngineVersion;
import picocli.CommandLine;

final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {EngineVersion.describe()};
    }
}
