package org.neurorig.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * One self-contained HTML page: the run's summary, its figures embedded (base64 PNG, so the file opens
 * anywhere without the folder next to it) and the parameters it ran with.
 */
public final class ReportPage {

    /**
     * A figure: a PNG in the run folder and the sentence that says what it shows.
     *
     * @param file    the PNG's path
     * @param caption what the reader sees in it
     */
    public record Figure(Path file, String caption) {
    }

    private ReportPage() {
    }

    /**
     * Writes {@code html}.
     *
     * @param title      the page's heading
     * @param summary    label to value, in order
     * @param notes      lines worth the reader's attention (warnings, what was not set), may be empty
     * @param figures    the figures, in order; missing files are skipped with a note
     * @param parameters the run's parameters as text (the resolved profile)
     */
    public static void write(Path html, String title, Map<String, String> summary, List<String> notes, List<Figure> figures,
            String parameters) throws IOException {
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(escape(title))
                .append("</title>\n<style>\n")
                .append("body{font-family:system-ui,-apple-system,'DejaVu Sans',sans-serif;margin:2em auto;max-width:960px;")
                .append("color:#222;line-height:1.4}\n")
                .append("h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ddd}\n")
                .append("table{border-collapse:collapse}td{padding:2px 12px 2px 0;vertical-align:top}td:first-child{color:#555}\n")
                .append("figure{margin:1em 0}img{max-width:100%;border:1px solid #eee}figcaption{color:#555;font-size:.9em}\n")
                .append("pre{background:#f6f6f6;padding:1em;overflow-x:auto;font-size:.85em}.note{color:#8a4b00}\n")
                .append("</style>\n</head>\n<body>\n");
        b.append("<h1>").append(escape(title)).append("</h1>\n");
        b.append("<h2>Summary</h2>\n<table>\n");
        summary.forEach((k, v) -> b.append("<tr><td>").append(escape(k)).append("</td><td>").append(escape(v)).append("</td></tr>\n"));
        b.append("</table>\n");
        if (!notes.isEmpty()) {
            b.append("<h2>Notes</h2>\n<ul>\n");
            for (String n : notes) {
                b.append("<li class=\"note\">").append(escape(n)).append("</li>\n");
            }
            b.append("</ul>\n");
        }
        b.append("<h2>Figures</h2>\n");
        for (Figure f : figures) {
            if (!Files.isRegularFile(f.file())) {
                b.append("<p class=\"note\">").append(escape(f.file().getFileName() + " was not made")).append("</p>\n");
                continue;
            }
            String data = Base64.getEncoder().encodeToString(Files.readAllBytes(f.file()));
            b.append("<figure><img alt=\"").append(escape(f.caption())).append("\" src=\"data:image/png;base64,").append(data)
                    .append("\"><figcaption>").append(escape(f.caption())).append("</figcaption></figure>\n");
        }
        b.append("<h2>Parameters</h2>\n<pre>").append(escape(parameters)).append("</pre>\n</body>\n</html>\n");
        Path tmp = html.resolveSibling(html.getFileName() + ".tmp");
        Files.writeString(tmp, b, StandardCharsets.UTF_8);
        Files.move(tmp, html, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
