package io.graygate.evaluation;

import io.graygate.decision.CastVote;
import io.graygate.decision.FactRecord;
import io.graygate.decision.Firing;

import java.util.List;

/** What one rule session produced: every fact (inputs and derived), every firing and every vote. */
public record SessionRun(List<FactRecord> facts, List<Firing> firings, List<CastVote> votes) {
}
