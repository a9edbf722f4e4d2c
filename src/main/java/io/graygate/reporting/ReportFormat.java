package io.graygate.reporting;

/** The formats a report is exported in, with the media type it is served as. */
public enum ReportFormat {
    md("text/markdown; charset=utf-8"),
    html("text/html; charset=utf-8"),
    pdf("application/pdf"),
    csv("text/csv; charset=utf-8");

    private final String contentType;

    ReportFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }
}
