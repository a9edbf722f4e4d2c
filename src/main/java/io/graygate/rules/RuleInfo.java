package io.graygate.rules;

/**
 * What graygate knows of one compiled rule: where it is written and its metadata.
 *
 * @param file the rule file relative to the rules directory, as stored in {@code ruleset_file.path}
 */
public record RuleInfo(String name, String file, String kind, String description, String severity) {
}
