package io.graygate.facts;

/**
 * A person's statement a stage needs before it may start, inserted by an entry rule: the rule files, not
 * Java, list which statements each stage needs (rules/entry.drl).
 *
 * @param check   the {@link Attestation} check name, e.g. {@code grafana_dashboard}
 * @param meaning what a "yes" states, in words
 */
public record RequiredStatement(String stage, String check, String meaning) {
}
