package io.graygate.tools.demo;

import io.graygate.intake.IngestReport;

import java.nio.file.Path;
import java.util.List;

/** What the demo did: the files it loaded and the decision of every evaluated day. */
public record DemoResult(Path dataDir, List<IngestReport> ingests, List<TimelineEntry> timeline, String rulesetSha256) {
}
