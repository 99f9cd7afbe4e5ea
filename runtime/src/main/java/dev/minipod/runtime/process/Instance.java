package dev.minipod.runtime.process;

import java.time.Instant;

/**
 * One started container instance: its monitor and main process, each named by pid + start time
 * so a daemon restart can re-adopt them without mistaking a recycled pid.
 */
public record Instance(
        String containerName,
        String containerId,
        int attempt,
        int monitorPid,
        long monitorStartTime,
        int containerPid,
        long containerStartTime,
        Instant startedAt) {}
