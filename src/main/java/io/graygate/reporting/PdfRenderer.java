package io.graygate.reporting;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

/** The PDF is the HTML report rendered by openhtmltopdf, charts included; nothing is fetched from outside. */
final class PdfRenderer {
    static {
        // openhtmltopdf logs every CSS property it skips to java.util.logging; the report needs none of it
        com.openhtmltopdf.util.XRLog.setLoggingEnabled(false);
    }

    private PdfRenderer() {
    }

    static byte[] fromHtml(String xhtml) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useSVGDrawer(new BatikSVGDrawer(BatikSVGDrawer.SvgScriptMode.SECURE, Set.of()));
            builder.withHtmlContent(xhtml, null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the PDF", e);
        }
        return out.toByteArray();
    }
}
