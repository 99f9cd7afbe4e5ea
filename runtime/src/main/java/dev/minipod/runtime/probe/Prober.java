package dev.minipod.runtime.probe;

import java.time.Duration;

/**
 * One configured probe action (httpGet, tcpSocket or exec) bound to its target. run blocks the
 * calling platform thread for at most about {@code timeout} and never throws: errors come back as
 * {@link ProbeResult.Outcome#UNKNOWN}.
 */
public interface Prober {
    ProbeResult run(Duration timeout);
}
