package io.graygate.rules.history;

/** What happened to one file between two rule sets. */
public enum FileChange { ADDED, REMOVED, CHANGED, UNCHANGED }
