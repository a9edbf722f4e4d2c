package io.graygate.evaluation.replay;

import io.graygate.platform.Json;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints a replay report as text for people, JSON for tools, or CSV for spreadsheets. */
public final class ReplayOutput {
    public enum Format { text, json, csv }

    static final List<String> CSV_HEADER = List.of("as_of", "stage", "evaluation_id", "recorded_decision", "recorded_rules",
            "candidate_decision", "candidate_rules");

    private ReplayOutput() {
    }

    public static String render(ReplayReport report, Format format) {
        return switch (format) {
            case text -> text(report);
            case json -> json(report);
            case csv -> csv(report);
        };
    }

    static String text(ReplayReport r) {
        StringBuilder out = new StringBuilder();
        out.append("replay ").append(r.from()).append(" .. ").append(r.to())
                .append(r.stage() == null ? ", all stages" : ", stage " + r.stage())
                .append(", candidate rules ").append(r.candidateSha256(), 0, 12).append('\n');
        for (ReplayChange c : r.changes()) {
            out.append(String.format("%s  %-12s #%-6d %-8s [%s] -> %-8s [%s]%n", c.asOf(), c.stage(), c.evaluationId(),
                    c.recorded(), String.join("; ", c.recordedRules()), c.candidate(), String.join("; ", c.candidateRules())));
        }
        out.append(summary(r));
        return out.toString();
    }

    static String summary(ReplayReport r) {
        return r.replayed() + " evaluations replayed, " + r.changed() + " changed, " + r.unchanged() + " unchanged";
    }

    static String json(ReplayReport r) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("from", r.from());
        root.put("to", r.to());
        root.put("stage", r.stage());
        root.put("candidateRulesetSha256", r.candidateSha256());
        root.put("replayed", r.replayed());
        root.put("changed", r.changed());
        root.put("unchanged", r.unchanged());
        root.put("changes", r.changes());
        return Json.writePretty(root);
    }

    static String csv(ReplayReport r) {
        StringWriter out = new StringWriter();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(CSV_HEADER.toArray(String[]::new)).get();
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            for (ReplayChange c : r.changes()) {
                printer.printRecord(List.of(c.asOf().toString(), c.stage(), Long.toString(c.evaluationId()),
                        c.recorded().name(), String.join("; ", c.recordedRules()), c.candidate().name(),
                        String.join("; ", c.candidateRules())).stream().map(CsvCells::safe).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write CSV", e);
        }
        return out.toString();
    }
}
