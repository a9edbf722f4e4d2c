package io.graygate.audit;

/**
 * A row that should be covered by the chain but has no link: stored before the chain existed, or written
 * around graygate. Either way nothing proves it is unchanged, so verify fails until it is adopted.
 *
 * @param entity the chain's name for its kind ({@code evaluation}, {@code ruleset}, {@code adoption})
 * @param table  the table it is in
 * @param id     its key, as the chain's {@code entity_id}
 */
public record UnlinkedRow(String entity, String table, String id) {

    @Override
    public String toString() {
        return BreakKind.UNLINKED + " " + table + " " + id + ": stored without a chain link (before the chain existed, "
                + "or written around graygate); adopt with: graygate audit link-legacy --by NAME";
    }
}
