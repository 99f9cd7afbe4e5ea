package dev.minipod.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.util.ArrayList;
import java.util.List;

/** Maps every failure to the text kubectl would print and to minipod's exit code. */
public final class ErrorHandler {
    /** What to print on stderr (ends with a newline) and the exit code. */
    public record Outcome(String message, int exitCode) {}

    private ErrorHandler() {}

    public static int report(Throwable t, PrintStream err) {
        Outcome o = describe(t);
        err.print(o.message());
        err.flush();
        return o.exitCode();
    }

    public static Outcome describe(Throwable t) {
        if (t instanceof ApiException) return api((ApiException) t);
        if (t instanceof CliException) return new Outcome(line(t.getMessage()), ((CliException) t).exitCode());
        if (t instanceof DaemonUnavailableException) return unavailable((DaemonUnavailableException) t);
        if (t instanceof AccessDeniedException) {
            return new Outcome("error: permission denied: " + t.getMessage() + " (minipod needs root)\n", 1);
        }
        Integer runtimeExit = runtimeExitCode(t);
        if (runtimeExit != null) return new Outcome(line("error: " + t.getMessage()), runtimeExit);
        if (t instanceof IOException) return new Outcome("error: " + t.getMessage() + "\n", 1);
        return new Outcome("error: " + t + "\n", 1);
    }

    /**
     * The exit code of a {@code dev.minipod.runtime.MinipodException} (thrown by the in-process import or the
     * daemon), found by name so that no other path loads runtime classes.
     */
    static Integer runtimeExitCode(Throwable t) {
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals("dev.minipod.runtime.MinipodException")) {
                try {
                    return (Integer) c.getMethod("exitCode").invoke(t);
                } catch (ReflectiveOperationException | ClassCastException e) {
                    return 1;
                }
            }
        }
        return null;
    }

    static Outcome api(ApiException e) {
        int exit;
        switch (e.reason()) {
            case "NotFound":
            case "AlreadyExists":
            case "Conflict":
                exit = 3;
                break;
            case "Invalid":
            case "BadRequest":
                exit = 2;
                break;
            default:
                exit = 1;
        }
        if ("Invalid".equals(e.reason()) && (!e.causes().isEmpty() || !e.kind().isEmpty() || !e.name().isEmpty())) {
            return new Outcome(invalid(e), exit);
        }
        String msg = e.getMessage() == null ? "" : e.getMessage();
        String head = e.reason().isEmpty() ? "Error from server: " : "Error from server (" + e.reason() + "): ";
        return new Outcome(line(head + e.context() + msg), exit);
    }

    /** kubectl's rendering of a 422: one cause inline, several as a bullet list. */
    private static String invalid(ApiException e) {
        String subject = e.kind().isEmpty() && e.name().isEmpty()
                ? "The request is invalid"
                : "The " + e.kind() + " \"" + e.name() + "\" is invalid";
        List<String> errs = new ArrayList<>();
        for (ApiException.Cause c : e.causes()) {
            errs.add(c.field().isEmpty() ? c.message() : c.field() + ": " + c.message());
        }
        if (errs.isEmpty()) return subject + "\n";
        if (errs.size() == 1) return subject + ": " + errs.get(0) + "\n";
        StringBuilder sb = new StringBuilder(subject).append(": \n");
        for (String s : errs) sb.append("* ").append(s).append('\n');
        return sb.toString();
    }

    private static Outcome unavailable(DaemonUnavailableException e) {
        String hint = e.getMessage().contains("Permission denied")
                ? " (the socket is root-only: run minipod with sudo)"
                : " (is the daemon running? start it with `minipod daemon`, or `minipod apply` starts one)";
        return new Outcome("error: " + e.getMessage() + hint + "\n", 1);
    }

    private static String line(String s) { return s.endsWith("\n") ? s : s + "\n"; }
}
