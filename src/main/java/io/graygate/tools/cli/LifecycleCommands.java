package io.graygate.tools.cli;

import io.graygate.release.Lifecycle;
import io.graygate.release.LifecycleException;
import io.graygate.release.ReleaseStore;
import io.graygate.platform.Database;

import java.io.PrintWriter;
import java.util.function.Function;

/** Shared plumbing of the lifecycle commands: open the database, run, print a refusal as exit 1. */
final class LifecycleCommands {
    static final int EXIT_REFUSED = 1;

    private LifecycleCommands() {
    }

    static int run(CommonOptions common, PrintWriter err, Function<Lifecycle, Integer> action) {
        var release = common.release();
        try (Database db = common.openDatabase()) {
            return action.apply(Lifecycle.standard(release, new ReleaseStore(db.jdbi()), common.rulesDir()));
        } catch (LifecycleException e) {
            err.println("graygate: refused: " + e.getMessage());
            err.flush();
            return EXIT_REFUSED;
        }
    }
}
