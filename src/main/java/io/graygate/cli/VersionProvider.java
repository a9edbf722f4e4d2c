package io.graygate.cli;

import io.graygate.support.EngineVersion;
import picocli.CommandLine;

final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {EngineVersion.describe()};
    }
}
