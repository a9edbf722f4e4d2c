package io.graygate.platform;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** graygate's version and the Drools version it runs, as written into every evaluation. */
public final class EngineVersion {
    private EngineVersion() {
    }

    public static String describe() {
        Properties build = new Properties();
        try (InputStream in = EngineVersion.class.getResourceAsStream("/graygate-build.properties")) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            // fall through to "unknown"
        }
        return "graygate " + build.getProperty("graygate.version", "unknown")
                + " (Drools " + build.getProperty("drools.version", "unknown") + ")";
    }
}
