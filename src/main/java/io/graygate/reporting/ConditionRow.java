package io.graygate.reporting;

/** One judged advance condition: condition | metric | value | baseline | threshold | met? | rule. */
public record ConditionRow(String condition, String metric, Double value, Double baseline, String threshold,
                           boolean met, String rule, String ruleFile) {
}
