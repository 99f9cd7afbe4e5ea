package dev.minipod.runtime.sync;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.minipod.runtime.plan.ContainerPlan;
import dev.minipod.runtime.plan.PodPlan;
import dev.minipod.runtime.probe.ContainerProbes;
import dev.minipod.runtime.probe.ExecProbe;
import dev.minipod.runtime.probe.ProbeEnv;
import dev.minipod.runtime.probe.ProbeResult;
import dev.minipod.runtime.probe.ProbeState;
import dev.minipod.runtime.probe.Prober;
import dev.minipod.runtime.probe.Probers;
import dev.minipod.runtime.process.Instance;
import dev.minipod.runtime.status.EventLog;
import dev.minipod.runtime.status.PodFacts;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Probe;

/**
 * The kubelet's prober manager for one pod, driven by its worker thread: which probes are due, runs
 * them on the node's probe pool (results come back through {@code deliver} as {@link Done}), keeps
 * their verdicts and says when one means the container must be killed.
 */
final class PodProber {
    /** A finished probe run of one container instance. */
    record Done(String container, int attempt, ProbeState.Kind kind, ProbeResult result) {}

    /** Emits an event about a container. */
    interface Events {
        void event(String container, String type, String reason, String message);
    }

    private final Node node;
    /** The worker's current plan: exec probes see the env it has once the pod IP is known. */
    private final java.util.function.Supplier<PodPlan> plan;
    private final Function<String, Container> specs;
    private final Consumer<Done> deliver;
    private final Events events;
    private final Map<String, ContainerProbes> probes = new HashMap<>();
    private final Set<String> inFlight = new HashSet<>();

    PodProber(Node node, java.util.function.Supplier<PodPlan> plan, Function<String, Container> specs, Consumer<Done> deliver, Events events) {
        this.node = node;
        this.plan = plan;
        this.specs = specs;
        this.deliver = deliver;
        this.events = events;
    }

    /** A new instance started: its probes begin (nothing to do when the spec has none). */
    void started(String name, Instance i) {
        Container spec = specs.apply(name);
        if (spec.getLivenessProbe() != null || spec.getReadinessProbe() != null || spec.getStartupProbe() != null) {
            probes.put(name, ContainerProbes.of(spec, i.startedAt()));
        }
    }

    /** The instance is gone (or being killed): its probes stop. */
    void stopped(String name) {
        probes.remove(name);
    }

    /** Pod deletion: the kubelet stops probing (and treats liveness/startup as passing). */
    void clear() {
        probes.clear();
    }

    /** Ready/started per container with probes, for the status. */
    Map<String, PodFacts.ProbeView> verdicts() {
        Map<String, PodFacts.ProbeView> out = new HashMap<>();
        probes.forEach((name, cp) -> out.put(name, new PodFacts.ProbeView(cp.ready(), cp.started())));
        return out;
    }

    /** Starts the runs that are due; returns when the next one is (null: none). */
    Instant schedule(Instant now, Map<String, Instance> running) {
        Instant next = null;
        for (Map.Entry<String, ContainerProbes> e : probes.entrySet()) {
            Instance i = running.get(e.getKey());
            if (i == null) {
                continue;
            }
            for (ProbeState.Kind kind : e.getValue().due(now)) {
                if (inFlight.add(e.getKey() + "/" + kind)) {
                    submit(e.getKey(), i, kind, e.getValue());
                }
            }
            Instant n = e.getValue().nextRunAt();
            if (n != null && (next == null || n.isBefore(next))) {
                next = n;
            }
        }
        return next;
    }

    private static Probe probe(Container spec, ProbeState.Kind kind) {
        return switch (kind) {
            case LIVENESS -> spec.getLivenessProbe();
            case READINESS -> spec.getReadinessProbe();
            case STARTUP -> spec.getStartupProbe();
        };
    }

    private void submit(String name, Instance i, ProbeState.Kind kind, ContainerProbes cp) {
        Container spec = specs.apply(name);
        PodPlan plan = this.plan.get();
        ContainerPlan c = plan.container(name).orElseThrow();
        ProbeEnv env = node.probes();
        Probers.Context ctx = new Probers.Context(env.dialer(), node.layout().nsPin(plan.uid(), "net"), null,
                env.execRunner(), env.kernel(), new ExecProbe.Target(c, i, node.layout().rootfs(plan.uid(), name, i.attempt()),
                node.runner().cgroupProcs(plan, c)));
        Prober prober = Probers.of(probe(spec, kind), spec, ctx);
        java.time.Duration timeout = cp.state(kind).orElseThrow().params().timeout();
        env.pool().execute(() -> {
            ProbeResult r;
            try {
                r = prober.run(timeout);
            } catch (RuntimeException ex) {
                r = ProbeResult.unknown(String.valueOf(ex.getMessage()));
            }
            deliver.accept(new Done(name, i.attempt(), kind, r));
        });
    }

    /**
     * Records a result of the current instance, with the kubelet's events. Returns the probe whose
     * failure means the container must be killed (liveness or startup past its threshold), else null.
     */
    Probe record(Done d, Instance current) {
        inFlight.remove(d.container() + "/" + d.kind());
        ContainerProbes cp = probes.get(d.container());
        if (current == null || cp == null || current.attempt() != d.attempt()) {
            return null;
        }
        String label = d.kind().label();
        ProbeResult r = d.result();
        if (r.isWarning()) {
            events.event(d.container(), EventLog.WARNING, "ProbeWarning", label + " probe warning: " + r.output());
        } else if (r.outcome() == ProbeResult.Outcome.FAILURE) {
            events.event(d.container(), EventLog.WARNING, "Unhealthy", label + " probe failed: " + r.output());
        } else if (r.outcome() == ProbeResult.Outcome.UNKNOWN) {
            events.event(d.container(), EventLog.WARNING, "Unhealthy", label + " probe errored and resulted in unknown state: " + r.output());
        }
        cp.record(d.kind(), node.clock().instant(), r);
        if (!cp.livenessFailed() && !cp.startupFailed()) {
            return null;
        }
        ProbeState.Kind failed = cp.livenessFailed() ? ProbeState.Kind.LIVENESS : ProbeState.Kind.STARTUP;
        probes.remove(d.container());
        events.event(d.container(), EventLog.NORMAL, "Killing", "Container " + d.container() + " failed "
                + failed.label().toLowerCase(java.util.Locale.ROOT) + " probe, will be restarted");
        return probe(specs.apply(d.container()), failed);
    }
}
