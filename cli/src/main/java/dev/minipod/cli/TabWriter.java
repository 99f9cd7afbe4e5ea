package dev.minipod.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Elastic tab stops with the semantics of the tab writer kubectl prints through (Go's text/tabwriter with the
 * padding character ' ', and the RememberWidths option of the fork kubectl's table printer uses): text is
 * buffered as lines of tab-terminated cells; on {@link #flush} every run of consecutive lines that have a cell in
 * column k is padded to the widest such cell plus {@code padding} (at least {@code minWidth}); the text after a
 * line's last tab is not a cell and is never padded. With {@code rememberWidths} a column never gets narrower
 * than it was in an earlier flush.
 */
final class TabWriter {
    private final int minWidth;
    private final int padding;
    private final boolean rememberWidths;
    private final List<Integer> remembered = new ArrayList<>();
    private final List<String[]> lines = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final StringBuilder out = new StringBuilder();
    private final List<Integer> widths = new ArrayList<>();

    TabWriter(int minWidth, int padding, boolean rememberWidths) {
        this.minWidth = minWidth;
        this.padding = padding;
        this.rememberWidths = rememberWidths;
    }

    /** Buffers text; a newline ends a line. */
    TabWriter write(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                lines.add(partial.toString().split("\t", -1));
                partial.setLength(0);
            } else {
                partial.append(c);
            }
        }
        return this;
    }

    /** Formats the buffered lines into the output (an unterminated last line is written without a newline). */
    TabWriter flush() {
        boolean unterminated = partial.length() > 0;
        if (unterminated) {
            lines.add(partial.toString().split("\t", -1));
            partial.setLength(0);
        }
        int end = format(0, lines.size());
        if (unterminated && end > 0 && out.charAt(out.length() - 1) == '\n') out.setLength(out.length() - 1);
        lines.clear();
        return this;
    }

    /** Everything flushed so far; clears it. */
    String take() {
        String s = out.toString();
        out.setLength(0);
        return s;
    }

    private int format(int line0, int line1) {
        int column = widths.size();
        for (int i = line0; i < line1; i++) {
            if (column >= lines.get(i).length - 1) continue;
            writeLines(line0, i);
            line0 = i;
            int width = minWidth;
            for (; i < line1; i++) {
                String[] line = lines.get(i);
                if (column >= line.length - 1) break;
                width = Math.max(width, cellWidth(line[column]) + padding);
            }
            if (rememberWidths) {
                if (remembered.size() <= column) {
                    while (remembered.size() < column) remembered.add(0);
                    remembered.add(width);
                } else if (remembered.get(column) > width) {
                    width = remembered.get(column);
                } else {
                    remembered.set(column, width);
                }
            }
            widths.add(width);
            format(line0, i);
            widths.remove(widths.size() - 1);
            line0 = i;
        }
        writeLines(line0, line1);
        return line1;
    }

    private void writeLines(int from, int to) {
        for (int i = from; i < to; i++) {
            String[] line = lines.get(i);
            for (int j = 0; j < line.length; j++) {
                out.append(line[j]);
                if (j < line.length - 1 && j < widths.size()) {
                    for (int p = cellWidth(line[j]); p < widths.get(j); p++) out.append(' ');
                }
            }
            out.append('\n');
        }
    }

    private static int cellWidth(String s) { return s.codePointCount(0, s.length()); }
}
