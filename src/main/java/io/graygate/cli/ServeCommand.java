package io.graygate.cli;

import io.graygate.alert.AlertConfig;
import io.graygate.alert.AlertConfigLoader;
import io.graygate.alert.AlertLoop;
import io.graygate.api.ApiServer;
import io.graygate.config.ServiceConfig;
import io.graygate.config.ServiceConfigLoader;
import io.graygate.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve", description = {"Run the HTTP API: desired state, evaluations, stage start / decide / rollback,",
        "metric push, health, readiness and Prometheus metrics. Bearer tokens and roles from config/service.yaml."})
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

    @Option(names = "--alerts", paramLabel = "FILE", description = "alert webhooks and escalation "
            + "(default: config/alerts.yaml when it exists; without it alerts are stored but not sent)")
    Path alerts;

    @Override
    public Integer call() throws InterruptedException {
        ServiceConfig service = ServiceConfigLoader.load(config != null ? config : CommonOptions.base().resolve("config/service.yaml"),
                Map.copyOf(System.getenv()));
        var release = common.release();
        Path alertsFile = alerts != null ? alerts : CommonOptions.base().resolve("config/alerts.yaml");
        AlertConfig alertConfig = alerts != null || Files.exists(alertsFile)
                ? AlertConfigLoader.load(alertsFile, Map.copyOf(System.getenv())) : null;
        CountDownLatch stopped = new CountDownLatch(1);
        try (Database db = common.openDatabase();
             ApiServer server = new ApiServer(service, release, db, common.rulesDir())
                     .start(host != null ? host : service.host(), port != null ? port : service.port());
             AlertLoop alertLoop = AlertLoop.start(db.jdbi(), release.name(), alertConfig,
                     ManagementFactory.getRuntimeMXBean().getName())) {
            spec.commandLine().getOut().println("graygate serve: listening on " + (host != null ? host : service.host())
                    + ":" + server.port() + " for release " + release.name() + " (" + db.description() + ")");
            spec.commandLine().getOut().flush();
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            stopped.await();
        }
        return 0;
    }
}
