package io.graygate.reporting;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * The report templates (src/main/resources/io/graygate/reporting/report/*.mustache). HTML values are HTML-escaped by
 * Mustache; Markdown values have the characters that would break a table cell or a line escaped.
 */
final class Templates {
    private static final DefaultMustacheFactory HTML = new DefaultMustacheFactory("io/graygate/reporting/report");
    private static final DefaultMustacheFactory MARKDOWN = new DefaultMustacheFactory("io/graygate/reporting/report") {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(markdownCell(value));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private Templates() {
    }

    static String markdownCell(String value) {
        return value.replace("\\", "\\\\").replace("|", "\\|").replace("\r", "").replace("\n", " ")
                .replace("<", "&lt;").replace(">", "&gt;");
    }

    static String html(String template, Object scope) {
        return render(HTML, template, scope);
    }

    static String markdown(String template, Object scope) {
        return render(MARKDOWN, template, scope);
    }

    private static String render(DefaultMustacheFactory factory, String template, Object scope) {
        Mustache mustache = factory.compile(template);
        StringWriter out = new StringWriter();
        mustache.execute(out, scope);
        return out.toString();
    }
}
