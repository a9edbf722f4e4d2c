package io.graygate.evaluation;

import io.graygate.decision.CastVote;
import io.graygate.decision.FactRecord;
import io.graygate.decision.Firing;

import io.graygate.decision.Evaluation;

import io.graygate.platform.config.ConfigLoader;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.facts.Severity;
import io.graygate.facts.SoftTrigger;
import io.graygate.facts.Verdict;
import io.graygate.facts.VoteKind;
import io.graygate.rules.RuleLoader;
import io.graygate.rules.RuleSet;
import org.junit.jupiter.api.BeforeAll;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shared set-up for the decision tests: the shipped rules (compiled once per test class) and release
 * config, a way to decide a {@link Scenario}, and short descriptions of the votes behind a decision.
 * No database is involved: the facts are built by hand.
 */
abstract class DecisionTestSupport {
    static final String STAGE_1 = "gray_10pct";
    static final String STAGE_2 = "gray_50pct";
    static final String STAGE_3 = "full";

    /** The gate hysteresis rules that cast votes (rules/gate_hysteresis.drl). */
    static final String PASS_STREAK_MET = "Gate: pass streak long enough";
    static final String SOFT_LIMIT = "Gate: soft trigger at the failure limit rolls back";
    static final String SOFT_HOLD = "Gate: soft trigger below the failure limit holds";

    static RuleSet rules;
    static ReleaseConfig release;

    @BeforeAll
    static void loadShippedRulesAndConfig() {
        rules = RuleLoader.load(Path.of("rules"));
        release = ConfigLoader.load(Path.of("config/release.yaml"));
    }

    static Scenario stage1() {
        return Scenario.healthy(release, STAGE_1);
    }

    static Scenario stage2() {
        return Scenario.healthy(release, STAGE_2);
    }

    static Scenario stage3() {
        return Scenario.healthy(release, STAGE_3);
    }

    static Evaluation decide(Scenario scenario) {
        return EvaluateStage.decide(scenario.facts(), rules, scenario.window(), scenario.stageConfig(), "test");
    }

    // ------------------------------------------------------------------ describing votes

    /** A vote reduced to what a decision meeting reads: which way, cast by which rule, for what. */
    record Reason(Verdict verdict, String rule, String code) {
        @Override
        public String toString() {
            return verdict + " by '" + rule + "': " + code;
        }
    }

    /** An advance condition that is not met. */
    static Reason notMet(String rule, String code) {
        return new Reason(Verdict.HOLD, rule, code);
    }

    static Reason rollback(String rule, String code) {
        return new Reason(Verdict.ROLLBACK, rule, code);
    }

    static Reason criticalAlert(String rule, String code) {
        return new Reason(Verdict.HOLD, rule, code);
    }

    static Reason engineHold(String rule, String code) {
        return new Reason(Verdict.HOLD, rule, code);
    }

    static Reason describe(CastVote cast) {
        return new Reason(cast.vote().verdict(), cast.rule(), cast.vote().code());
    }

    /** The votes that explain the decision (informational alerts left out). */
    static List<Reason> reasons(Evaluation evaluation) {
        return evaluation.reasons().stream().map(DecisionTestSupport::describe).toList();
    }

    static List<Reason> allVotes(Evaluation evaluation) {
        return evaluation.votes().stream().map(DecisionTestSupport::describe).toList();
    }

    static List<CastVote> votesBy(Evaluation evaluation, String rule) {
        return evaluation.votes().stream().filter(v -> v.rule().equals(rule)).toList();
    }

    /** The single vote a rule cast; fails when it cast none or several. */
    static CastVote voteBy(Evaluation evaluation, String rule) {
        List<CastVote> votes = votesBy(evaluation, rule);
        assertThat(votes).as("votes cast by rule '%s' in %s", rule, allVotes(evaluation)).hasSize(1);
        return votes.get(0);
    }

    /** The single vote the gate hysteresis cast on the SoftTrigger a rollback rule inserted. */
    static CastVote softVote(Evaluation evaluation, String triggerRule) {
        Set<Integer> firings = evaluation.firings().stream().filter(f -> f.rule().equals(triggerRule))
                .map(Firing::seq).collect(Collectors.toSet());
        Set<Integer> triggers = evaluation.facts().stream()
                .filter(f -> f.value() instanceof SoftTrigger && firings.contains(f.derivedBy()))
                .map(FactRecord::id).collect(Collectors.toSet());
        List<CastVote> votes = evaluation.votes().stream()
                .filter(v -> v.factIds().stream().anyMatch(triggers::contains)).toList();
        assertThat(votes).as("votes on the soft trigger of '%s' in %s", triggerRule, allVotes(evaluation)).hasSize(1);
        return votes.get(0);
    }

    static List<CastVote> alerts(Evaluation evaluation, Severity severity) {
        return evaluation.votes().stream()
                .filter(v -> v.vote().kind() == VoteKind.ALERT && v.vote().severity() == severity)
                .toList();
    }

    static List<String> alertCodes(Evaluation evaluation, Severity severity) {
        return alerts(evaluation, severity).stream().map(v -> v.vote().code()).toList();
    }

    /** Asserts the gate rule voted that its condition is met, with the observed value. */
    static void assertMet(Evaluation evaluation, String rule, double value) {
        CastVote vote = voteBy(evaluation, rule);
        assertThat(vote.vote().kind()).isEqualTo(VoteKind.GATE);
        assertThat(vote.vote().met()).as("'%s' met", rule).isTrue();
        assertThat(vote.vote().verdict()).isEqualTo(Verdict.ADVANCE);
        assertThat(vote.vote().value()).isEqualTo(value);
    }

    /** Asserts the gate rule voted that its condition is not met, with the observed value. */
    static void assertNotMet(Evaluation evaluation, String rule, double value) {
        CastVote vote = voteBy(evaluation, rule);
        assertThat(vote.vote().kind()).isEqualTo(VoteKind.GATE);
        assertThat(vote.vote().met()).as("'%s' met", rule).isFalse();
        assertThat(vote.vote().verdict()).isEqualTo(Verdict.HOLD);
        assertThat(vote.vote().value()).isEqualTo(value);
    }

    /** The fact a vote points at, by id. */
    static FactRecord fact(Evaluation evaluation, int id) {
        return evaluation.facts().stream().filter(f -> f.id() == id).findFirst()
                .orElseThrow(() -> new AssertionError("no fact with id " + id));
    }

    static List<FactRecord> factsOf(Evaluation evaluation, CastVote vote) {
        return vote.factIds().stream().map(id -> fact(evaluation, id)).toList();
    }
}
