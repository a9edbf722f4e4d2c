package io.graygate.rules.history;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.regex.Pattern;

/** Reads the stored rule sets: the list, newest first, and one set by a unique SHA-256 prefix. */
public final class RuleSetHistory {
    /** Shorter prefixes collide too easily to name a rule set safely. */
    public static final int MIN_PREFIX = 8;
    private static final Pattern PREFIX = Pattern.compile("[0-9a-f]{" + MIN_PREFIX + ",64}");

    private final Jdbi jdbi;

    public RuleSetHistory(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public List<RuleSetVersion> list() {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT r.sha256, r.created_at, r.loaded_by,
                            (SELECT count(*) FROM ruleset_file f WHERE f.ruleset_sha256 = r.sha256) AS files,
                            (SELECT count(*) FROM evaluation e WHERE e.ruleset_sha256 = r.sha256) AS evaluations
                        FROM ruleset r
                        ORDER BY r.created_at DESC, r.sha256""")
                .map((rs, ctx) -> new RuleSetVersion(rs.getString("sha256"), rs.getObject("created_at", OffsetDateTime.class),
                        rs.getString("loaded_by"), rs.getInt("files"), rs.getLong("evaluations")))
                .list());
    }

    /** The rule set a prefix names; a prefix that matches none or several is an error naming the candidates. */
    public StoredRuleSet find(String prefix) {
        String wanted = prefix.strip().toLowerCase(java.util.Locale.ROOT);
        if (!PREFIX.matcher(wanted).matches()) {
            throw new RuleSetNotFoundException("'" + prefix + "' is not a rule-set SHA-256 or a prefix of at least "
                    + MIN_PREFIX + " hex digits");
        }
        return jdbi.withHandle(h -> load(h, resolve(h, wanted)));
    }

    private static String resolve(Handle h, String prefix) {
        List<String> matches = h.createQuery("SELECT sha256 FROM ruleset WHERE left(sha256, :n) = :prefix ORDER BY sha256 LIMIT 5")
                .bind("n", prefix.length()).bind("prefix", prefix).mapTo(String.class).list();
        if (matches.isEmpty()) {
            throw new RuleSetNotFoundException("no stored rule set has a SHA-256 starting with " + prefix
                    + " (see: graygate rules history)");
        }
        if (matches.size() > 1) {
            throw new RuleSetNotFoundException("the prefix " + prefix + " is ambiguous; it matches " + String.join(", ", matches)
                    + (matches.size() == 5 ? " and maybe more" : "") + "; give more digits");
        }
        return matches.get(0);
    }

    private static StoredRuleSet load(Handle h, String sha) {
        List<StoredFile> files = h.createQuery("SELECT path, sha256, content FROM ruleset_file WHERE ruleset_sha256 = :sha ORDER BY path")
                .bind("sha", sha)
                .map((rs, ctx) -> new StoredFile(rs.getString("path"), rs.getString("sha256"), rs.getString("content")))
                .list();
        return h.createQuery("SELECT created_at, loaded_by FROM ruleset WHERE sha256 = :sha").bind("sha", sha)
                .map((rs, ctx) -> new StoredRuleSet(sha, rs.getObject("created_at", OffsetDateTime.class),
                        rs.getString("loaded_by"), files))
                .one();
    }
}
