package io.graygate.rules.reload;

import io.graygate.platform.config.ConfigException;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.rules.RuleSet;
import io.graygate.rules.scenario.Scenario;
import io.graygate.rules.scenario.ScenarioLoader;
import io.graygate.rules.scenario.ScenarioResult;
import io.graygate.rules.scenario.ScenarioRunner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the analysts' scenarios (the files {@code graygate rules test} runs) against a candidate: every
 * scenario must pass. No scenario at all is a problem too: an untested candidate is not let through.
 */
public final class ScenarioGate implements CandidateGate {
    private final ReleaseConfig release;
    private final Path scenarioDir;

    public ScenarioGate(ReleaseConfig release, Path scenarioDir) {
        this.release = release;
        this.scenarioDir = scenarioDir;
    }

    @Override
    public List<String> problems(RuleSet candidate) {
        List<Path> files = ScenarioRunner.scenarioFiles(scenarioDir);
        if (files.isEmpty()) {
            return List.of(scenarioDir + ": no scenario files; a rule set goes live only after its scenarios pass");
        }
        ScenarioLoader loader = new ScenarioLoader(release);
        ScenarioRunner runner = new ScenarioRunner(release, candidate);
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            try {
                for (Scenario scenario : loader.load(file)) {
                    problems.addAll(failures(runner, scenario));
                }
            } catch (ConfigException e) {
                problems.add("scenario file unusable: " + e.getMessage());
            }
        }
        return problems;
    }

    private static List<String> failures(ScenarioRunner runner, Scenario scenario) {
        String name = "scenario '" + scenario.name() + "' (" + scenario.file() + ")";
        try {
            ScenarioResult result = runner.run(scenario);
            return result.passed() ? List.of() : List.of(name + " failed: " + String.join("; ", result.differences()));
        } catch (RuntimeException e) {
            // A consequence that throws at run time fails the scenario, it must not stop the reload.
            return List.of(name + " failed: the rules threw " + e.getMessage());
        }
    }
}
