package io.graygate.rules.history;

/** One file of a stored rule set, named relative to the rules directory. */
public record StoredFile(String path, String sha256, String content) {
}
