package dev.minipod.runtime.process;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A terminated container's message, the kubelet's way: the last 4096 bytes of the file the container
 * wrote at its terminationMessagePath; with FallbackToLogsOnError, when that file is empty and the
 * container failed, the tail of its log instead (80 lines, at most 2048 bytes).
 */
public final class TerminationMessage {
    static final int MAX_FILE_BYTES = 4096;
    static final int MAX_LOG_LINES = 80;
    static final int MAX_LOG_BYTES = 2048;
    /** Enough for 80 CRI lines with prefixes; a longer line is cut to its end anyway. */
    static final int TAIL_WINDOW = 64 * 1024;

    private TerminationMessage() {}

    /** @return the message, or null when there is none */
    public static String read(Path messageFile, Path logFile, boolean fallbackToLogs, int exitCode) {
        String fromFile = tail(messageFile, MAX_FILE_BYTES);
        if (!fromFile.isEmpty()) {
            return fromFile;
        }
        if (fallbackToLogs && exitCode != 0) {
            String fromLog = logTail(logFile);
            return fromLog.isEmpty() ? null : fromLog;
        }
        return null;
    }

    static String tail(Path file, int maxBytes) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long len = f.length();
            int n = (int) Math.min(len, maxBytes);
            byte[] b = new byte[n];
            f.seek(len - n);
            f.readFully(b);
            return new String(b, StandardCharsets.UTF_8);
        } catch (java.io.FileNotFoundException | NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            return "Error on reading termination log " + file + ": " + e.getMessage();
        }
    }

    /**
     * The complete CRI lines in the last part of the log: a chatty container's log may be large and
     * only its end matters (80 lines of at most 2048 bytes of text).
     */
    static List<String> tailLines(Path logFile) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(logFile.toFile(), "r")) {
            long len = f.length();
            int n = (int) Math.min(len, TAIL_WINDOW);
            byte[] b = new byte[n];
            f.seek(len - n);
            f.readFully(b);
            String text = new String(b, StandardCharsets.UTF_8);
            if (n < len) {
                text = text.substring(text.indexOf('\n') + 1); // drop the partial first line
            }
            return text.isEmpty() ? List.of() : List.of(text.split("\n"));
        }
    }

    /** The last lines the container printed, as text, within the line and byte caps. */
    static String logTail(Path logFile) {
        List<String> lines;
        try {
            lines = tailLines(logFile);
        } catch (java.io.FileNotFoundException | NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            return "Error on reading termination message from logs: " + e.getMessage();
        }
        Deque<String> text = new ArrayDeque<>();
        int complete = 0;
        for (int i = lines.size() - 1; i >= 0 && complete < MAX_LOG_LINES; i--) {
            String content = CriLog.content(lines.get(i));
            if (content == null) {
                continue;
            }
            if (content.endsWith("\n")) {
                complete++;
            }
            text.addFirst(content);
        }
        byte[] all = String.join("", text).getBytes(StandardCharsets.UTF_8);
        int from = Math.max(0, all.length - MAX_LOG_BYTES);
        return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    }
}
