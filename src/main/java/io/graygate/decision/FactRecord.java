package io.graygate.decision;

/**
 * A fact as stored for audit.
 *
 * @param derivedBy the firing that inserted it, or null for an input fact
 */
public record FactRecord(int id, String type, Integer derivedBy, Object value) {
}
