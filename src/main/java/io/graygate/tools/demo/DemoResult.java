package io.graygate.tools.demo;

import io.graygate.intake.IngestReport;

import java.nio.file.Path;
import java.util.List;

/** What the demo did: the files it loaded and the decision of every evaluated day. */
public record DemoResult(Path dataDir, List<IngestReport> ingests, List<TimelineEntry> timeline, String rulesetSha256) {

    /**
     * The commands that show what the demo stored, each a whole command line reading the demo's database
     * ({@code database} is {@code --demo}, or the {@code --db-url} the demo was given), with a comment after
     * {@code #} saying what it shows.
     */
    public List<String> nextSteps(String database) {
        long last = timeline.get(timeline.size() - 1).evaluation().id();
        return List.of(
                "graygate report " + database + " --release --format html   # the release report, under GRAYGATE_HOME/reports",
                "graygate report " + database + " --evaluation " + last + "   # the last evaluation's report",
                "graygate state " + database + "   # the desired state: stage and per-symbol mode",
                "graygate audit verify " + database + "   # the audit chain over everything stored",
                "GRAYGATE_TOKEN_VIEWER=demo GRAYGATE_TOKEN_ANALYST=demo-a GRAYGATE_TOKEN_OPERATOR=demo-o "
                        + "GRAYGATE_TOKEN_INGEST=demo-i GRAYGATE_TOKEN_AGENT=demo-g graygate serve " + database
                        + "   # the web page at http://localhost:8080/, sign in with the token: demo");
    }
}
