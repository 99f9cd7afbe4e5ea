package dev.minipod.runtime;

/**
 * Root of every error minipod reports. Carries a Kubernetes-style CamelCase {@code reason}
 * (Invalid, NotFound, AlreadyExists, ...) and the CLI exit code it maps to:
 * 1 failure, 2 invalid input, 3 not found / conflict.
 */
public class MinipodException extends RuntimeException {
    private final String reason;
    private final int exitCode;

    public MinipodException(String reason, int exitCode, String message) {
        super(message);
        this.reason = reason;
        this.exitCode = exitCode;
    }

    public MinipodException(String reason, int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.exitCode = exitCode;
    }

    public String reason() { return reason; }

    public int exitCode() { return exitCode; }

    public static MinipodException invalid(String message) { return new MinipodException("Invalid", 2, message); }

    public static MinipodException notFound(String message) { return new MinipodException("NotFound", 3, message); }

    public static MinipodException conflict(String message) { return new MinipodException("AlreadyExists", 3, message); }

    public static MinipodException failure(String reason, String message) { return new MinipodException(reason, 1, message); }
}
