package io.graygate.reporting;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The condition table and the stored input facts as one CSV table; the {@code record} column says which
 * a row is. Every cell goes through {@link CsvCells#safe}.
 */
final class CsvRenderer {
    static final List<String> HEADER = List.of("record", "evaluation_id", "name", "metric", "symbol", "value", "baseline",
            "threshold", "met", "rule", "detail");

    private CsvRenderer() {
    }

    static String stage(StageReport r) {
        long id = r.header().evaluationId();
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180)) {
            csv.printRecord(HEADER);
            csv.printRecord(safe("decision", id, r.decision(), "", "", "", "", "", "", "", "rule-set " + r.header().rulesetSha256()));
            MeetingDecision m = r.meeting();
            csv.printRecord(safe("meeting", id, m == null ? "awaiting the decision meeting" : m.ruling(), "", "", "", "", "",
                    "", m == null ? "" : m.by(), m == null ? "" : "recommendation " + m.recommendation() + "; at " + m.at()
                            + "; " + m.reason()));
            csv.printRecord(safe("audit", id, r.header().chain().intact() ? "intact" : "BROKEN", "", "", "", "", "", "", "",
                    r.header().chain().describe()));
            for (ConditionRow c : r.conditions()) {
                csv.printRecord(safe("condition", id, c.condition(), c.metric(), "", ReportText.number(c.value()),
                        ReportText.number(c.baseline()), c.threshold(), ReportText.yesNo(c.met()), c.rule(), c.ruleFile()));
            }
            for (StageReport.FactRow f : r.facts()) {
                csv.printRecord(safe("fact", id, f.type() + "#" + f.id(), f.metric(), f.symbol(), "", "", "", "", "", f.json()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static List<String> safe(Object... cells) {
        return java.util.Arrays.stream(cells).map(c -> CsvCells.safe(String.valueOf(c))).toList();
    }
}
