package io.graygate.demo;

import io.graygate.evaluation.Evaluation;

/** One day of the demo's decision timeline. */
public record TimelineEntry(DemoPhase phase, Evaluation evaluation) {
}
