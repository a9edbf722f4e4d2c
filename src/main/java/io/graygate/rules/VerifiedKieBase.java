package io.graygate.rules;

import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.runtime.KieSession;

import java.util.Collection;

/**
 * A knowledge base whose every generated class passed the {@link BytecodeVerifier} and whose constraints passed
 * the {@link SourceVerifier}. Only {@link RuleLoader} creates one, after both verified; it is the only way
 * graygate opens a session, so no rule code runs that was not verified first.
 */
public final class VerifiedKieBase {
    private final KieBase kieBase;

    VerifiedKieBase(KieBase kieBase) {
        this.kieBase = kieBase;
    }

    public KieSession newSession() {
        return kieBase.newKieSession();
    }

    /** The compiled packages, to read rule names and metadata (nothing in them runs). */
    public Collection<KiePackage> packages() {
        return kieBase.getKiePackages();
    }
}
