package dev.minipod.runtime.sync;

import java.time.Clock;

import dev.minipod.runtime.objects.ObjectSource;
import dev.minipod.runtime.probe.ProbeEnv;
import dev.minipod.runtime.process.ContainerRunner;
import dev.minipod.runtime.process.ExitWatcher;
import dev.minipod.runtime.sandbox.Sandbox;
import dev.minipod.runtime.state.Layout;
import dev.minipod.runtime.state.StateStore;
import dev.minipod.runtime.status.EventLog;
import dev.minipod.runtime.status.PodChanges;
import dev.minipod.runtime.volume.VolumeManager;

/** The node-level services every pod worker uses. */
public record Node(
        Layout layout,
        Sandbox sandbox,
        ContainerRunner runner,
        ExitWatcher watcher,
        StateStore store,
        Backoff backoff,
        Clock clock,
        String nodeName,
        String hostIP,
        EventLog events,
        PodChanges changes,
        ProbeEnv probes,
        ObjectSource objects,
        VolumeManager volumes) {}
