package io.graygate.rules;

/**
 * @param path    the file as the user names it, e.g. {@code rules/gates.drl}
 * @param name    the path relative to the rules directory, e.g. {@code gates.drl}
 */
public record RuleFile(String path, String name, String content, String sha256) {
}
