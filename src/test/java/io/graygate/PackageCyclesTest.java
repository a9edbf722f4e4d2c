package io.graygate;

import io.graygate.evaluation.EvaluateStage;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No package cycles under io.graygate: the JDK's jdeps reads the compiled main classes, and every strongly
 * connected group of packages larger than one is a failure naming the packages and the edges between them.
 */
class PackageCyclesTest {
    private static final Pattern EDGE = Pattern.compile("^\\s*(io\\.graygate[\\w.]*)\\s+->\\s+(io\\.graygate[\\w.]*)\\s");

    @Test
    void noPackageDependsBackOnAPackageThatDependsOnIt() throws Exception {
        Map<String, Set<String>> edges = packageEdges();
        assertThat(edges).as("jdeps found the graygate packages").containsKeys("io.graygate.evaluation", "io.graygate.service");

        List<String> cycles = new ArrayList<>();
        for (Set<String> group : stronglyConnected(edges)) {
            if (group.size() > 1) {
                List<String> inside = new ArrayList<>();
                for (String from : group) {
                    for (String to : edges.getOrDefault(from, Set.of())) {
                        if (group.contains(to)) {
                            inside.add(from + " -> " + to);
                        }
                    }
                }
                cycles.add(group + " through " + inside);
            }
        }
        assertThat(cycles).as("package cycles").isEmpty();
    }

    @Test
    void theDecisionPackageImportsOnlyFactsAndConfig() throws Exception {
        assertThat(packageEdges().getOrDefault("io.graygate.decision", Set.of()))
                .isSubsetOf("io.graygate.facts", "io.graygate.platform.config", "io.graygate.platform");
        assertThat(packageEdges().getOrDefault("io.graygate.facts", Set.of())).isEmpty();
    }

    /** Package -> the other graygate packages its classes use, from jdeps over target/classes. */
    static Map<String, Set<String>> packageEdges() throws Exception {
        Path classes = Path.of(EvaluateStage.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("the JDK has no jdeps"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:package", "-filter:none", classes.toString());
        assertThat(exit).as("jdeps exit code; stderr: %s", err).isZero();
        Map<String, Set<String>> edges = new TreeMap<>();
        for (String line : out.toString().split("\n")) {
            Matcher m = EDGE.matcher(line);
            if (m.find() && !m.group(1).equals(m.group(2))) {
                edges.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
            }
        }
        return edges;
    }

    /** Tarjan's algorithm, recursive: the package graph has a few dozen nodes. */
    private static List<Set<String>> stronglyConnected(Map<String, Set<String>> edges) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> groups = new ArrayList<>();
        for (String start : edges.keySet()) {
            if (!index.containsKey(start)) {
                visit(start, edges, index, low, stack, onStack, groups);
            }
        }
        return groups;
    }

    private static void visit(String node, Map<String, Set<String>> edges, Map<String, Integer> index,
                              Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<Set<String>> groups) {
        index.put(node, index.size());
        low.put(node, index.get(node));
        stack.push(node);
        onStack.add(node);
        for (String next : edges.getOrDefault(node, Set.of())) {
            if (!index.containsKey(next)) {
                visit(next, edges, index, low, stack, onStack, groups);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (onStack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            Set<String> group = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                group.add(member);
            } while (!member.equals(node));
            groups.add(group);
        }
    }
}
