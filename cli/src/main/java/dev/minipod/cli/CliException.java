package dev.minipod.cli;

/** An error the CLI reports as-is: the message is the complete text kubectl would print. */
public class CliException extends RuntimeException {
    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() { return exitCode; }

    /** Invalid invocation (exit 2), printed as {@code error: MESSAGE}. */
    public static CliException usage(String message) { return new CliException(2, "error: " + message); }

    /** A failure (exit 1), printed as {@code error: MESSAGE}. */
    public static CliException failure(String message) { return new CliException(1, "error: " + message); }
}
