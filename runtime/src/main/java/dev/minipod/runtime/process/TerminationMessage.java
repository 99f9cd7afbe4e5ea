package dev.minipod.runtime.process;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

    /** The last lines the container printed, as text, within the line and byte caps. */
    static String logTail(Path logFile) {
        List<String> lines;
        try {
            lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
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
