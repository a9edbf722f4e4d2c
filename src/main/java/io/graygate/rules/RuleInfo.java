package io.graygate.rules;

/** What graygate knows of one compiled rule: where it is written and its metadata. */
public record RuleInfo(String name, String file, String kind, String description, String severity) {
}
