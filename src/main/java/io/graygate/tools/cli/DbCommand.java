package io.graygate.tools.cli;

import io.graygate.platform.Database;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

@Command(mixinStandardHelpOptions = true, name = "db", description = "Database schema: apply migrations, or show their state.")
final class DbCommand {
    @Spec
    CommandSpec spec;

    @Command(mixinStandardHelpOptions = true, name = "migrate", description = "Apply pending Flyway migrations (graygate also does this on every start).")
    int migrate(@Mixin CommonOptions common) {
        try (Database db = Database.openWithoutMigrating(common.databaseSettings())) {
            MigrateResult result = db.migrate();
            spec.commandLine().getOut().println(db.description() + ": " + result.migrationsExecuted
                    + " migration(s) applied, schema at version " + (result.targetSchemaVersion == null
                    ? result.initialSchemaVersion : result.targetSchemaVersion));
        }
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "info", description = "List migrations and whether each is applied.")
    int info(@Mixin CommonOptions common) {
        PrintWriter out = spec.commandLine().getOut();
        try (Database db = Database.openWithoutMigrating(common.databaseSettings())) {
            out.println(db.description());
            out.printf("%-8s %-40s %-10s %s%n", "version", "description", "state", "installed on");
            for (MigrationInfo info : db.migrationInfo()) {
                out.printf("%-8s %-40s %-10s %s%n", info.getVersion(), info.getDescription(), info.getState().getDisplayName(),
                        info.getInstalledOn() == null ? "" : info.getInstalledOn());
            }
        }
        return 0;
    }
}
