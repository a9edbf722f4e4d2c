package io.graygate.evaluation;

import io.graygate.decision.CastVote;
import io.graygate.decision.FactRecord;
import io.graygate.decision.FactTypes;
import io.graygate.decision.Firing;
import io.graygate.decision.RuleRunException;

import io.graygate.facts.Vote;
import io.graygate.rules.RuleInfo;
import io.graygate.rules.RuleSet;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.Match;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a rule set over a list of facts in a fresh session and records, through listeners, which rule
 * fired on which facts and which facts and votes each firing inserted.
 */
public final class SessionRunner {
    /** Rules that keep re-activating each other would otherwise never stop. */
    static final int MAX_FIRINGS = 100_000;

    private SessionRunner() {
    }

    public static SessionRun run(RuleSet ruleSet, List<?> inputs) {
        Recorder recorder = new Recorder(ruleSet);
        KieSession session = ruleSet.kieBase().newSession();
        try {
            session.addEventListener((org.kie.api.event.rule.RuleRuntimeEventListener) recorder.inserts);
            session.addEventListener((org.kie.api.event.rule.AgendaEventListener) recorder.firings);
            inputs.forEach(session::insert);
            int fired = session.fireAllRules(MAX_FIRINGS);
            if (fired >= MAX_FIRINGS) {
                throw new RuleRunException("rules fired " + MAX_FIRINGS + " times without settling; a rule "
                        + "probably re-triggers itself (last: " + recorder.lastRule() + ")", null);
            }
        } catch (RuntimeException e) {
            if (e instanceof RuleRunException) {
                throw e;
            }
            throw new RuleRunException("rule '" + recorder.currentRule() + "' failed: " + rootMessage(e), e);
        } finally {
            session.dispose();
        }
        return recorder.result();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }

    private static final class Recorder {
        private final RuleSet ruleSet;
        private final Map<Object, Integer> factIds = new IdentityHashMap<>();
        private final List<FactRecord> facts = new ArrayList<>();
        private final List<Firing> firingList = new ArrayList<>();
        private final List<CastVote> votes = new ArrayList<>();
        private Firing current;
        private String lastRule = "";

        final DefaultRuleRuntimeEventListener inserts = new DefaultRuleRuntimeEventListener() {
            @Override
            public void objectInserted(ObjectInsertedEvent event) {
                recordInsert(event.getObject(), event.getRule() == null ? null : current);
            }
        };

        final DefaultAgendaEventListener firings = new DefaultAgendaEventListener() {
            @Override
            public void beforeMatchFired(BeforeMatchFiredEvent event) {
                startFiring(event.getMatch());
            }

            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
                current = null;
            }
        };

        Recorder(RuleSet ruleSet) {
            this.ruleSet = ruleSet;
        }

        private void recordInsert(Object object, Firing by) {
            int id = facts.size() + 1;
            factIds.put(object, id);
            facts.add(new FactRecord(id, FactTypes.nameOf(object.getClass()), by == null ? null : by.seq(), object));
            if (object instanceof Vote vote) {
                Firing firing = by;
                votes.add(new CastVote(votes.size() + 1, firing == null ? null : firing.seq(),
                        firing == null ? "(inserted without a rule)" : firing.rule(), vote,
                        firing == null ? List.of() : factIdsOf(firing.matched())));
            }
        }

        private void startFiring(Match match) {
            String name = match.getRule().getName();
            RuleInfo info = ruleSet.rule(name).orElse(new RuleInfo(name, "", "", "", ""));
            List<Object> matched = new ArrayList<>();
            for (Object object : match.getObjects()) {
                matched.add(reference(object));
            }
            current = new Firing(firingList.size() + 1, name, info.file(), info.kind(), matched);
            firingList.add(current);
            lastRule = name;
        }

        private Object reference(Object object) {
            Integer id = factIds.get(object);
            if (id != null) {
                return Map.of("fact", id);
            }
            if (object instanceof Collection<?> collection) {
                return collection.stream().map(this::reference).toList();
            }
            return object;
        }

        private static List<Integer> factIdsOf(List<Object> matched) {
            List<Integer> ids = new ArrayList<>();
            for (Object ref : matched) {
                collectIds(ref, ids);
            }
            // a fact matched twice (say, in two collected lists) is one fact behind the vote
            return ids.stream().distinct().toList();
        }

        private static void collectIds(Object ref, List<Integer> ids) {
            if (ref instanceof Map<?, ?> map && map.get("fact") instanceof Integer id) {
                ids.add(id);
            } else if (ref instanceof Collection<?> collection) {
                collection.forEach(item -> collectIds(item, ids));
            }
        }

        String currentRule() {
            return current == null ? lastRule : current.rule();
        }

        String lastRule() {
            return lastRule;
        }

        SessionRun result() {
            return new SessionRun(facts, firingList, votes);
        }
    }
}
