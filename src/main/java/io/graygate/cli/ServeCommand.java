package io.graygate.cli;

import io.graygate.api.ApiServer;
import io.graygate.config.ServiceConfig;
import io.graygate.config.ServiceConfigLoader;
import io.graygate.rules.RuleSet;
import io.graygate.schedule.DailyScheduler;
import io.graygate.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

@Command(name = "serve", description = {"Run the HTTP API: desired state, evaluations, stage start / decide / rollback,",
        "metric push, health, readiness and Prometheus metrics. Bearer tokens and roles from config/service.yaml.",
        "Evaluates the live stage every business date by itself (schedule: in config/service.yaml)."})
final class ServeCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "service file (default: config/service.yaml)")
    Path config;

    @Option(names = "--host", description = "address to listen on (default: the service file's listen.host)")
    String host;

    @Option(names = "--port", description = "port to listen on, 0 for any free one (default: the service file's listen.port)")
    Integer port;

    @Override
    public Integer call() throws InterruptedException {
        ServiceConfig service = ServiceConfigLoader.load(config != null ? config : CommonOptions.base().resolve("config/service.yaml"),
                Map.copyOf(System.getenv()));
        var release = common.release();
        CountDownLatch stopped = new CountDownLatch(1);
        try (Database db = common.openDatabase();
             ApiServer server = new ApiServer(service, release, db, common.rulesDir())
                     .start(host != null ? host : service.host(), port != null ? port : service.port());
             DailyScheduler scheduler = service.schedule().enabled()
                     ? DailyScheduler.forService(db, release, rulesAtStart(), service.schedule()).start() : null) {
            spec.commandLine().getOut().println("graygate serve: listening on " + (host != null ? host : service.host())
                    + ":" + server.port() + " for release " + release.name() + " (" + db.description() + ")");
            spec.commandLine().getOut().println("graygate serve: scheduled daily evaluation " + (scheduler == null ? "off"
                    : "at " + service.schedule().time() + " " + service.schedule().zone() + " (GET /api/schedule)"));
            spec.commandLine().getOut().flush();
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            stopped.await();
        }
        return 0;
    }

    /**
     * The rules as they are at start-up, for the scheduled evaluation (hot reload will hand a live supplier here).
     * Rules that do not compile must not stop the service, whose rollback works without them: each scheduled
     * evaluation fails with the compile error instead and is retried.
     */
    private Supplier<RuleSet> rulesAtStart() {
        try {
            RuleSet rules = common.rulesForEvaluation();
            return () -> rules;
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("graygate serve: scheduled evaluations will fail until the service is "
                    + "restarted with usable rules: " + e.getMessage());
            return () -> {
                throw e;
            };
        }
    }
}
