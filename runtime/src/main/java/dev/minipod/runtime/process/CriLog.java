package dev.minipod.runtime.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads CRI-format container logs ({@code <RFC3339Nano> <stream> <P|F> <text>}) back into the text
 * the container wrote: F ends a line, P is a piece of a longer one.
 */
public final class CriLog {
    private CriLog() {}

    /** The text of one CRI line, with its newline when the line is complete; null if malformed. */
    public static String content(String line) {
        int a = line.indexOf(' ');
        int b = a < 0 ? -1 : line.indexOf(' ', a + 1);
        if (b < 0 || b + 2 > line.length()) {
            return null;
        }
        char tag = line.charAt(b + 1);
        String text = b + 3 <= line.length() ? line.substring(b + 3) : "";
        return tag == 'P' ? text : text + "\n";
    }

    public static void copy(Path file, OutputStream out) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                String text = content(line);
                if (text != null) {
                    out.write(text.getBytes(StandardCharsets.UTF_8));
                }
            }
            out.flush();
        } catch (NoSuchFileException e) {
            // a container that never started has no log yet: nothing to print
        } catch (IOException e) {
            throw new UncheckedIOException("read log `" + file + "`", e);
        }
    }
}
