package io.graygate.tools.cli;

import io.graygate.platform.config.YamlSection;
import io.graygate.alerting.AlertConfig;
import io.graygate.alerting.AlertConfigLoader;
import io.graygate.alerting.AlertLoop;
import io.graygate.service.ApiServer;
import io.graygate.platform.config.ServiceConfig;
import io.graygate.platform.config.ServiceConfigLoader;
import io.graygate.intake.prometheus.PullSettings;
import io.graygate.intake.prometheus.ScheduledPuller;
import io.graygate.rules.reload.CandidateGate;
import io.graygate.rules.reload.LiveRuleSet;
import io.graygate.rules.reload.RulesWatcher;
import io.graygate.service.schedule.DailyScheduler;
import io.graygate.rules.PemKeys;
import io.graygate.platform.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(mixinStandardHelpOptions = true, name = "serve", description = {"Run the HTTP API: desired state, evaluations, stage start / decide / rollback,",
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

    @Option(names = "--alerts", paramLabel = "FILE", description = "alert webhooks and escalation "
            + "(default: config/alerts.yaml when it exists; without it alerts are stored but not sent)")
    Path alerts;

    /** Request threads, the scheduler, the pull and the alert loop share these; PostgreSQL allows 100 by default. */
    static final int SERVICE_CONNECTIONS = 16;

    /** The service config's {@code audit.key_file} (relative to the config file), or null when it names none. */
    static Path auditKeyFile(Path serviceFile) {
        YamlSection root = YamlSection.read(serviceFile);
        if (!root.has("audit")) {
            return null;
        }
        YamlSection audit = root.section("audit");
        audit.allowOnly(java.util.Set.of("key_file"));
        Path key = Path.of(audit.string("key_file"));
        return key.isAbsolute() ? key : serviceFile.toAbsolutePath().getParent().resolve(key);
    }

    @Override
    public Integer call() throws InterruptedException {
        Path serviceFile = config != null ? config : CommonOptions.base().resolve("config/service.yaml");
        ServiceConfig service = ServiceConfigLoader.load(serviceFile, Map.copyOf(System.getenv()));
        var release = common.release();
        var pullSettings = PullSettings.load(serviceFile);
        Path alertsFile = alerts != null ? alerts : CommonOptions.base().resolve("config/alerts.yaml");
        AlertConfig alertConfig = alerts != null || Files.exists(alertsFile)
                ? AlertConfigLoader.load(alertsFile, Map.copyOf(System.getenv())) : null;
        CountDownLatch stopped = new CountDownLatch(1);
        try (Database db = common.openPooledDatabase(SERVICE_CONNECTIONS, auditKeyFile(serviceFile));
             RulesWatcher watcher = watch(service, LiveRuleSet.load(common.rulesDir(), release, db.jdbi(), signatureGate(), "serve:start"));
             ApiServer server = new ApiServer(service, release, db, watcher.rules())
                     .start(host != null ? host : service.host(), port != null ? port : service.port());
             // Each scheduled evaluation takes the live rule set once, so a hot reload never splits a day.
             DailyScheduler scheduler = service.schedule().enabled()
                     ? DailyScheduler.forService(db, release, watcher.rules(), service.schedule()).start() : null;
             ScheduledPuller puller = pullSettings.map(p -> ScheduledPuller.create(p, release.catalogue(), db.jdbi(),
                     Clock.systemUTC()).start()).orElse(null);
             AlertLoop alertLoop = AlertLoop.start(db.jdbi(), release.name(), alertConfig,
                     ManagementFactory.getRuntimeMXBean().getName())) {
            spec.commandLine().getOut().println("graygate serve: listening on " + (host != null ? host : service.host())
                    + ":" + server.port() + " for release " + release.name() + " (" + db.description() + ")");
            spec.commandLine().getOut().println("graygate serve: scheduled daily evaluation " + (scheduler == null ? "off"
                    : "at " + service.schedule().time() + " " + service.schedule().zone() + " (GET /api/schedule)"));
            if (puller != null) {
                spec.commandLine().getOut().println("graygate serve: " + puller.description());
            }
            spec.commandLine().getOut().flush();
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            stopped.await();
        }
        return 0;
    }

    private List<CandidateGate> signatureGate() {
        Path key = common.publicKeyFile();
        return key == null ? List.of() : List.of(CandidateGate.signedFor(common.rulesDir(), PemKeys.readPublic(key)));
    }

    /** The live rule set, with its directory watched when config/service.yaml says so (rules.reload). */
    private static RulesWatcher watch(ServiceConfig service, LiveRuleSet rules) {
        RulesWatcher watcher = new RulesWatcher(rules);
        return service.rulesReload().watch() ? watcher.start(Duration.ofSeconds(service.rulesReload().pollSeconds())) : watcher;
    }
}
