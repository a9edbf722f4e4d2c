package io.graygate.release.statements;

import io.graygate.audit.AuditChain;
import io.graygate.audit.ChainedTables;
import io.graygate.facts.Attestation;
import org.jdbi.v3.core.Jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * People's statements on the card's judgements, append-only: a changed mind is a new statement, and the
 * latest per stage and check is the one in force.
 */
public final class AttestationStore {
    /** The stage name statements about the release as a whole (V10-V12) are recorded under. */
    public static final String RELEASE_STAGE = "release";
    public static final Pattern CHECK = Pattern.compile("[a-z0-9_]+");

    private final Jdbi jdbi;

    public AttestationStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Attestation record(String release, String stage, String check, boolean value, String by, String note) {
        if (check == null || !CHECK.matcher(check).matches()) {
            throw new IllegalArgumentException("--check must be lower-case letters, digits and _ (got '" + check + "')");
        }
        if (by == null || by.isBlank()) {
            throw new IllegalArgumentException("--by must name who states it");
        }
        return jdbi.inTransaction(h -> {
            long id = h.createQuery("""
                            INSERT INTO attestation (release, stage, check_name, value, stated_by, note)
                            VALUES (:release, :stage, :check, :value, :by, :note)
                            RETURNING id""")
                    .bind("release", release).bind("stage", stage).bind("check", check).bind("value", value)
                    .bind("by", by.strip()).bind("note", note == null ? "" : note)
                    .mapTo(Long.class).one();
            AuditChain.link(h, ChainedTables.ATTESTATION, id);
            return h.createQuery("SELECT stage, check_name, value, stated_by, note, stated_at FROM attestation WHERE id = :id")
                    .bind("id", id).map((rs, ctx) -> map(rs)).one();
        });
    }

    /** The statement in force for each check of a stage. */
    public List<Attestation> current(String release, String stage) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT DISTINCT ON (check_name) stage, check_name, value, stated_by, note, stated_at
                        FROM attestation WHERE release = :release AND stage = :stage
                        ORDER BY check_name, id DESC""")
                .bind("release", release).bind("stage", stage)
                .map((rs, ctx) -> map(rs)).list());
    }

    /** Every statement of the release, oldest first, for reports. */
    public List<Attestation> history(String release) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT stage, check_name, value, stated_by, note, stated_at FROM attestation
                        WHERE release = :release ORDER BY id""")
                .bind("release", release).map((rs, ctx) -> map(rs)).list());
    }

    private static Attestation map(ResultSet rs) throws SQLException {
        return new Attestation(rs.getString("stage"), rs.getString("check_name"), rs.getBoolean("value"),
                rs.getString("stated_by"), rs.getString("note"), rs.getTimestamp("stated_at").toInstant());
    }
}
