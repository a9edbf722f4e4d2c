package io.graygate.rules.reload;

import io.graygate.rules.RuleSet;

import java.time.Instant;

/** The rule set in use, when it went live and who or what loaded it (e.g. {@code serve:watch}). */
public record LiveRules(RuleSet ruleSet, Instant loadedAt, String loadedBy) {
}
