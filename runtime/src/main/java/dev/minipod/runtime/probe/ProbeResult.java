package dev.minipod.runtime.probe;

/**
 * What one probe run produced. {@code output} is the kubelet-style text: the body of a successful
 * HTTP probe, the command's combined output for exec, or the failure / error message.
 * UNKNOWN means the probe could not be run (an error): the worker must not count it.
 */
public record ProbeResult(Outcome outcome, String output) {
    /** A successful HTTP probe that stopped at a redirect it would not follow (kubelet: Warning). */
    public static final String WARNING_PREFIX = "Probe terminated redirects, Response body: ";

    public enum Outcome { SUCCESS, FAILURE, UNKNOWN }

    public ProbeResult {
        if (outcome == null) throw new IllegalArgumentException("outcome is required");
        output = output == null ? "" : output;
    }

    public static ProbeResult success(String output) { return new ProbeResult(Outcome.SUCCESS, output); }

    public static ProbeResult failure(String output) { return new ProbeResult(Outcome.FAILURE, output); }

    public static ProbeResult unknown(String error) { return new ProbeResult(Outcome.UNKNOWN, error); }

    /** Success that the kubelet reports as a ProbeWarning event (off-host or unfollowed redirect). */
    public static ProbeResult warning(String body) { return success(WARNING_PREFIX + body); }

    public boolean isWarning() { return outcome == Outcome.SUCCESS && output.startsWith(WARNING_PREFIX); }
}
