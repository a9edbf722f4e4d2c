package io.graygate.rules.reload;

import io.graygate.audit.AuditStore;
import io.graygate.rules.RuleSet;
import org.jdbi.v3.core.Jdbi;

/** Stores a rule set that goes live as a rule-set version, before it is swapped in. */
@FunctionalInterface
public interface RuleSetRecorder {
    void record(RuleSet ruleSet, String loadedBy);

    /** The versions table ({@code ruleset}, once per SHA-256, with its audit-chain link), in one transaction. */
    static RuleSetRecorder inDatabase(Jdbi jdbi) {
        return (ruleSet, loadedBy) -> jdbi.useTransaction(handle -> AuditStore.storeRuleSet(handle, ruleSet, loadedBy));
    }
}
