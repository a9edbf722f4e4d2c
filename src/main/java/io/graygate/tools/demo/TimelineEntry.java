package io.graygate.tools.demo;

import io.graygate.decision.Evaluation;

/** One day of the demo's decision timeline. */
public record TimelineEntry(DemoPhase phase, Evaluation evaluation) {
}
