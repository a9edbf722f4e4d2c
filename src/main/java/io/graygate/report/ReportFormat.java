package io.graygate.report;

/** The formats a report is exported in. */
public enum ReportFormat {
    md, html, pdf, csv
}
