package io.graygate.scenario;

import io.graygate.config.StageConfig;
import io.graygate.evaluation.InputFacts;
import io.graygate.evaluation.ObservationWindow;

import java.nio.file.Path;

/** One scenario of a file: the stage, the facts the rules are given and what the analyst expects. */
public record Scenario(Path file, String name, StageConfig stage, ObservationWindow window, InputFacts facts,
                       Expectation expect) {
}
