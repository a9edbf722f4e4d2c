package io.graygate.reporting;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The PDF is the HTML report rendered by openhtmltopdf, charts included; nothing is fetched from outside.
 * The report's fonts (DejaVu Sans and Sans Mono, named by its style sheet) are embedded from the machine's
 * font directory when it has them; without them the PDF falls back to the standard PDF fonts. Either way
 * the export is quiet: PDFBox's notes about substituting the standard fonts are turned off in logback.xml.
 */
final class PdfRenderer {
    /** Where Debian, Ubuntu, Fedora and Alpine put the DejaVu fonts. */
    private static final List<Path> FONT_DIRECTORIES = List.of(Path.of("/usr/share/fonts/truetype/dejavu"),
            Path.of("/usr/share/fonts/dejavu"), Path.of("/usr/share/fonts/TTF"), Path.of("/usr/share/fonts/dejavu-sans-fonts"),
            Path.of("/usr/share/fonts/dejavu-sans-mono-fonts"));

    /** Font file, the CSS family it serves, and its weight. */
    private record EmbeddedFont(String file, String family, int weight) {
    }

    private static final List<EmbeddedFont> FONTS = List.of(
            new EmbeddedFont("DejaVuSans.ttf", "DejaVu Sans", 400),
            new EmbeddedFont("DejaVuSans-Bold.ttf", "DejaVu Sans", 700),
            new EmbeddedFont("DejaVuSansMono.ttf", "DejaVu Sans Mono", 400),
            new EmbeddedFont("DejaVuSansMono-Bold.ttf", "DejaVu Sans Mono", 700));

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
            embedFonts(builder);
            builder.withHtmlContent(xhtml, null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the PDF", e);
        }
        return out.toByteArray();
    }

    private static void embedFonts(PdfRendererBuilder builder) {
        for (EmbeddedFont font : FONTS) {
            FONT_DIRECTORIES.stream().map(dir -> dir.resolve(font.file())).filter(Files::isReadable).findFirst()
                    .ifPresent(file -> builder.useFont(file.toFile(), font.family(), font.weight(),
                            BaseRendererBuilder.FontStyle.NORMAL, true));
        }
    }
}
