package io.graygate.release;

import io.graygate.platform.config.ReleaseConfig;
import io.graygate.platform.config.StageConfig;
import io.graygate.evaluation.SessionRun;
import io.graygate.evaluation.SessionRunner;
import io.graygate.facts.StageEntry;
import io.graygate.facts.VoteKind;
import io.graygate.rules.RuleFile;
import io.graygate.rules.RuleLoader;
import io.graygate.rules.RuleSet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A stage's entry conditions decided by {@code rules/entry.drl}, compiled alone into a rule base of its own
 * (as the hysteresis rules are), over a {@link StageEntry} and the facts of the {@link EntryFactSource}s.
 * The rules are read when a stage is asked to start, not before: a rollback must work with broken rules.
 */
public final class EntryRules implements EntryCheck {
    public static final String FILE = "entry.drl";

    private final ReleaseConfig release;
    private final Path rulesDir;
    private final List<EntryFactSource> sources;
    /** The last compiled entry rules: a service starting stages recompiles only when the file changed. */
    private RuleSet compiled;

    public EntryRules(ReleaseConfig release, Path rulesDir, List<EntryFactSource> sources) {
        this.release = release;
        this.rulesDir = rulesDir;
        this.sources = List.copyOf(sources);
    }

    @Override
    public List<String> unmet(StageConfig stage, ReleaseState state) {
        StageEntry entry = entryOf(release, stage, state);
        List<Object> facts = new ArrayList<>();
        facts.add(entry);
        sources.forEach(source -> facts.addAll(source.facts(entry, state)));
        return run(current(), facts).votes().stream().filter(v -> v.vote().kind() == VoteKind.ENTRY)
                .map(v -> v.vote().message()).toList();
    }

    private synchronized RuleSet current() {
        List<RuleFile> files = entryFile(rulesDir);
        if (compiled == null || !compiled.sha256().equals(RuleLoader.ruleSetSha256(files))) {
            compiled = RuleLoader.compile(files);
        }
        return compiled;
    }

    /** The entry fact for starting {@code stage} from {@code state}. */
    public static StageEntry entryOf(ReleaseConfig release, StageConfig stage, ReleaseState state) {
        String previous = stage.number() == 1 ? "" : release.stages().get(stage.number() - 2).name();
        return new StageEntry(release.name(), stage.name(), stage.number(), previous, state.phase().name(),
                state.stageActive() && state.stage() != null ? state.stage() : "", state.stageNumber(), state.since(),
                state.describe());
    }

    /** Runs the entry rules over the facts; every {@link VoteKind#ENTRY} vote is an unmet condition. */
    public static SessionRun run(RuleSet entryRules, List<?> facts) {
        return SessionRunner.run(entryRules, facts);
    }

    /** {@code entry.drl} of a rules directory, compiled alone; a missing file is an error, not an open door. */
    public static RuleSet load(Path rulesDir) {
        return RuleLoader.compile(entryFile(rulesDir));
    }

    private static List<RuleFile> entryFile(Path rulesDir) {
        List<RuleFile> files = RuleLoader.read(rulesDir).stream().filter(f -> f.name().equals(FILE)).toList();
        if (files.isEmpty()) {
            throw new LifecycleException("no " + FILE + " in " + rulesDir + ": the entry conditions cannot be checked");
        }
        return files;
    }

    /** The entry rules of an already loaded rule set, in a rule base of their own; empty without the file. */
    public static Optional<RuleSet> within(RuleSet ruleSet) {
        List<RuleFile> files = ruleSet.files().stream().filter(f -> f.name().equals(FILE)).toList();
        return files.isEmpty() ? Optional.empty() : Optional.of(RuleLoader.compile(files));
    }
}
