package dev.minipod.runtime.state;

import java.time.Instant;
import java.util.List;

import dev.minipod.runtime.process.Instance;
import dev.minipod.runtime.sandbox.SandboxHandle;
import dev.minipod.runtime.sync.ContainerRecord;

/**
 * What a daemon restart needs to re-adopt a pod (runtime.json under the run root): the sandbox,
 * the container records and the live instances.
 */
public record PodRuntimeState(
        SandboxHandle sandbox,
        Instant startTime,
        List<ContainerRecord> records,
        List<Instance> instances,
        boolean terminal) {}
