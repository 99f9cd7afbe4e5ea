package dev.minipod.runtime.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.minipod.runtime.plan.ContainerEnv;
import dev.minipod.runtime.plan.ContainerPlan;
import dev.minipod.runtime.plan.ContainerStart;
import dev.minipod.runtime.plan.PodFields;
import dev.minipod.runtime.plan.PodPlan;
import dev.minipod.runtime.process.ContainerRunner;
import dev.minipod.runtime.process.ExitRecord;
import dev.minipod.runtime.process.Instance;
import dev.minipod.runtime.network.PortMappings;
import dev.minipod.runtime.sandbox.EtcFiles;
import dev.minipod.runtime.sandbox.NetworkRequest;
import dev.minipod.runtime.sandbox.PodDns;
import dev.minipod.runtime.sandbox.Sandbox;
import dev.minipod.runtime.sandbox.SandboxHandle;
import dev.minipod.runtime.state.AtomicFiles;
import dev.minipod.runtime.state.Dirs;
import dev.minipod.runtime.state.PodRuntimeState;
import dev.minipod.runtime.status.EventLog;
import dev.minipod.runtime.status.PodFacts;
import dev.minipod.runtime.status.PodStatusDeriver;
import dev.minipod.runtime.status.Rfc3339;
import dev.minipod.runtime.volume.VolumePlan;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;

/**
 * Drives one pod, like the kubelet's pod worker: one thread, one loop. Each turn asks the pure
 * {@link PodActions#compute} what to do, carries it out in kubelet order, publishes the status and
 * waits for the next event (a container exit, a deletion, a back-off expiry).
 */
public final class PodWorker {
    private static final Logger LOG = LoggerFactory.getLogger(PodWorker.class);
    private static final Duration RESYNC = Duration.ofSeconds(60);
    private static final Duration SANDBOX_RETRY = Duration.ofSeconds(10);
    private static final String DEADLINE_EXCEEDED = "DeadlineExceeded";
    /** Like the kubelet's pod worker back-off after a failed sync; an object change retries at once. */
    private static final Duration CONFIG_RETRY = Duration.ofSeconds(10);

    private sealed interface Event {}

    private record Exited(String container, int attempt) implements Event {}

    private record Delete(long graceSeconds) implements Event {}

    private record SandboxExited(int pausePid) implements Event {}

    private record ProbeDone(PodProber.Done done) implements Event {}

    private record ObjectsChanged() implements Event {}

    private record MetadataChanged() implements Event {}

    private final Node node;
    private final PodPlan plan;
    private final PodPlanView view;
    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Map<String, ContainerRecord> records = new LinkedHashMap<>();
    private final Map<String, Instance> running = new ConcurrentHashMap<>();
    private final PodProber prober;
    private final CompletableFuture<Void> removed = new CompletableFuture<>();
    private final Thread thread;

    private volatile Pod pod;
    /** Guards replacing {@link #pod}: the worker publishes status, the API updates metadata. */
    private final Object podLock = new Object();
    /** Set (under podLock) when teardown starts: an update no longer writes pod.json. */
    private boolean tearingDown;
    private SandboxHandle sandbox;
    private String sandboxError;
    private Instant startTime;
    private boolean terminal;
    /** Containers refused with CreateContainerConfigError: the plan cannot change, so they are not retried. */
    private final java.util.Set<String> configErrors = new java.util.HashSet<>();
    private boolean deleting;
    private long graceSeconds;
    private boolean deadlineExceeded;
    private PodRejection rejection;
    private String savedPodKey;
    private PodRuntimeState persisted;
    private final PodVolumes volumes;
    private final Map<String, Instant> configRetry = new LinkedHashMap<>();
    private final Map<String, ContainerPlan> startedPlans = new ConcurrentHashMap<>();

    public PodWorker(Node node, Pod pod, PodPlan plan, PodPlanView view, PodRuntimeState adopted) {
        this.node = node;
        this.pod = pod;
        this.plan = plan;
        this.view = view;
        this.prober = new PodProber(node, plan, this::specContainer, this::startedPlan, done -> events.add(new ProbeDone(done)), this::event);
        plan.all().forEach(c -> records.put(c.name(), ContainerRecord.fresh(c.name(), c.init())));
        this.volumes = new PodVolumes(node, plan, VolumePlan.of(pod, node.volumes().node()), adopted != null);
        if (adopted != null) {
            adopt(adopted);
        }
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            deleting = true;
            Long g = pod.getMetadata().getDeletionGracePeriodSeconds();
            graceSeconds = g == null ? plan.terminationGracePeriodSeconds() : g;
        }
        this.thread = new Thread(this::loop, "pod-" + plan.namespace() + "-" + plan.name());
        this.thread.setDaemon(true);
    }

    /**
     * The node refused the pod at admission (kubelet rejectPod): it never runs anything, its phase
     * is Failed with the reason, until it is deleted. Call before {@link #start}.
     */
    public void reject(PodRejection r) {
        rejection = r;
    }

    public void start() {
        // the first status already says whether the pod could be scheduled (its claims bound)
        if (!deleting) {
            volumes.ensureScheduled(pod);
        }
        publish();
        thread.start();
    }

    public PodPlan plan() { return plan; }

    /** The pod with its latest status. */
    public Pod pod() { return pod; }

    public Optional<Instance> runningInstance(String container) {
        return Optional.ofNullable(running.get(container));
    }

    /** Completes when everything the pod created is gone. */
    public CompletableFuture<Void> removed() { return removed; }

    public void delete(long grace) {
        events.add(new Delete(grace));
    }

    /** A ConfigMap, Secret or claim changed: projected volumes are rewritten, waiting containers retried. */
    public void objectsChanged() {
        events.add(new ObjectsChanged());
    }

    /**
     * A metadata-only update (labels, annotations) of the live pod: stored and published at once;
     * the worker thread then rewrites the downwardAPI files from it. Containers keep running and
     * their env stays as it was (as on a kubelet). Returns the pod as updated.
     */
    public Pod updateMetadata(java.util.function.UnaryOperator<Pod> update) {
        Pod next;
        synchronized (podLock) {
            next = update.apply(pod);
            if (next == pod) {
                return pod;
            }
            pod = next;
            if (!tearingDown) {
                node.store().savePod(next);
            }
            node.changes().publish("MODIFIED", next);
        }
        events.add(new MetadataChanged());
        return next;
    }

    /** The plan a container was last started with (its env as resolved then), else the planned one. */
    public ContainerPlan startedPlan(String name) {
        ContainerPlan started = startedPlans.get(name);
        return started != null ? started : plan.container(name).orElseThrow();
    }

    // ---- adoption after a daemon restart -------------------------------------------------------

    private void adopt(PodRuntimeState s) {
        sandbox = s.sandbox();
        if (sandbox != null) {
            int pidfd = node.runner().adoptPause(sandbox);
            if (pidfd >= 0) {
                watchSandbox(sandbox, pidfd);
            } else {
                events.add(new SandboxExited(sandbox.pausePid()));
            }
        }
        startTime = s.startTime();
        terminal = s.terminal();
        s.records().forEach(r -> records.put(r.name(), r));
        java.util.Set<String> adopted = new java.util.HashSet<>();
        s.instances().forEach(i -> adopted.add(i.containerName()));
        // A daemon killed between launching a container and recording it leaves a stray: kill it,
        // so the restart policy decides from the records alone and nothing runs twice.
        plan.all().filter(c -> !adopted.contains(c.name())).forEach(c -> node.runner().removeStrays(plan, c.name()));
        for (Instance i : s.instances()) {
            int pidfd = node.runner().adopt(i);
            running.put(i.containerName(), i);
            if (pidfd >= 0) {
                watch(i, pidfd);
            } else {
                events.add(new Exited(i.containerName(), i.attempt()));
            }
        }
    }

    // ---- the loop -----------------------------------------------------------------------------

    private void loop() {
        try {
            while (!removed.isDone()) {
                turn();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("event=pod-worker-failed pod={}/{} error={}", plan.namespace(), plan.name(), e.toString(), e);
        }
    }

    private void turn() throws InterruptedException {
        drainReady();
        Instant now = node.clock().instant();
        if (!deleting && !terminal && !volumes.ensureScheduled(pod)) {
            publish();
            handle(events.poll(SANDBOX_RETRY.toMillis(), TimeUnit.MILLISECONDS));
            return;
        }
        if (startTime == null) {
            startTime = now;
        }
        if (rejection != null && !deleting) {
            publish();
            handle(events.poll(RESYNC.toMillis(), TimeUnit.MILLISECONDS));
            return;
        }
        if (!deleting && !terminal && (!volumes.ensureMounted(pod) || (sandbox == null && !ensureSandbox()))) {
            publish();
            handle(events.poll(SANDBOX_RETRY.toMillis(), TimeUnit.MILLISECONDS));
            return;
        }
        Instant deadline = deadline();
        if (deadline != null && !deleting && !terminal && !now.isBefore(deadline)) {
            failForDeadline();
        }
        if (deadlineExceeded && !deleting) {
            // a failed pod is done for good: nothing restarts, whatever the restart policy
            persist();
            publish();
            handle(events.poll(RESYNC.toMillis(), TimeUnit.MILLISECONDS));
            return;
        }
        PodActions a = PodActions.compute(view, List.copyOf(records.values()), node.backoff(), deleting, now);
        if (a.killAll()) {
            terminateAndRemove();
            return;
        }
        a.waiting().forEach((name, w) -> {
            records.computeIfPresent(name, (k, r) -> r.waiting(w));
            if (ContainerRecord.CRASH_LOOP_BACK_OFF.equals(w.reason())) {
                event(name, EventLog.WARNING, "BackOff", "Back-off restarting failed container " + name + " in pod "
                        + plan.name() + "_" + plan.namespace() + "(" + plan.uid() + ")");
            }
        });
        List<String> toStart = a.start().stream()
                .filter(n -> !configErrors.contains(n) && (!configRetry.containsKey(n) || !now.isBefore(configRetry.get(n)))).toList();
        startContainers(toStart, a.restartedAfter(), now);
        if (a.podTerminal() && !terminal) {
            terminal = true;
            releaseSandbox();
        }
        persist();
        publish();
        if (!toStart.isEmpty()) {
            return; // decide again at once: an init container may have finished, or a start failed
        }
        Instant wake = a.nextWakeUp().orElse(null);
        for (Instant retry : configRetry.values()) {
            if (wake == null || retry.isBefore(wake)) wake = retry;
        }
        Instant probeWake = prober.schedule(node.clock().instant(), running);
        if (probeWake != null && (wake == null || probeWake.isBefore(wake))) {
            wake = probeWake;
        }
        if (deadline != null && !terminal && (wake == null || deadline.isBefore(wake))) {
            wake = deadline;
        }
        long waitMs = wake == null ? RESYNC.toMillis() : Math.max(1, Duration.between(node.clock().instant(), wake).toMillis());
        handle(events.poll(waitMs, TimeUnit.MILLISECONDS));
    }

    private void drainReady() {
        Event e;
        while ((e = events.poll()) != null) {
            handle(e);
        }
    }

    private void handle(Event e) {
        if (e instanceof Exited x) {
            onExit(x.container(), x.attempt());
        } else if (e instanceof ProbeDone p) {
            onProbe(p.done());
        } else if (e instanceof SandboxExited s) {
            onSandboxExit(s.pausePid());
        } else if (e instanceof ObjectsChanged) {
            configRetry.clear();
            if (!deleting) {
                volumes.refresh(pod);
            }
        } else if (e instanceof MetadataChanged) {
            if (!deleting) {
                volumes.refresh(pod);
            }
        } else if (e instanceof Delete d) {
            graceSeconds = deleting ? Math.min(graceSeconds, d.graceSeconds()) : d.graceSeconds();
            deleting = true;
            prober.clear();
            persist();
            publish();
        }
    }

    private PodFields fields() {
        return new PodFields(pod, node.hostIP(), sandbox == null ? List.of() : sandbox.podIPs());
    }

    // ---- sandbox ------------------------------------------------------------------------------

    private boolean ensureSandbox() {
        try {
            boolean hostNetwork = Boolean.TRUE.equals(pod.getSpec().getHostNetwork());
            String hostname = hostNetwork ? Sandbox.hostHostname() : plan.hostname();
            AtomicFiles.write(node.layout().etcFile(plan.uid(), "hostname"), EtcFiles.hostname(hostname).getBytes());
            writeResolvConf();
            node.runner().createPodCgroup(plan);
            var created = node.sandbox().create(plan.uid(), hostname, new NetworkRequest(plan.name(), plan.namespace(),
                    PortMappings.of(pod.getSpec()), hostNetwork, node.hostIP()), plan.hostPID(), plan.hostIPC());
            sandbox = created.handle();
            watchSandbox(sandbox, created.pausePidfd());
            sandboxError = null;
            persist();
            writeHosts();
            return true;
        } catch (IOException | RuntimeException e) {
            sandboxError = e.getMessage();
            if (sandbox == null) {
                node.events().record(pod, null, EventLog.WARNING, "FailedCreatePodSandBox", "Failed to create pod sandbox: " + sandboxError, "kubelet");
            } else {
                releaseSandbox();
            }
        }
        LOG.warn("event=sandbox-failed pod={}/{} error={}", plan.namespace(), plan.name(), sandboxError);
        return false;
    }

    /** /etc/hosts with the pod IP line (kubelet's managedHostsFileContent). */
    private void writeHosts() throws IOException {
        if (Boolean.TRUE.equals(pod.getSpec().getHostNetwork())) {
            Path nodeHosts = Path.of("/etc/hosts");
            AtomicFiles.write(node.layout().etcFile(plan.uid(), "hosts"), EtcFiles.hostNetworkHosts(
                    Files.isReadable(nodeHosts) ? Files.readString(nodeHosts) : "", plan.hostAliases()).getBytes());
            return;
        }
        String subdomain = pod.getSpec().getSubdomain();
        AtomicFiles.write(node.layout().etcFile(plan.uid(), "hosts"), EtcFiles.hosts(plan.hostname(), subdomain, plan.namespace(),
                sandbox.podIP(), plan.hostAliases()).getBytes());
    }


    /** resolv.conf by dnsPolicy and dnsConfig; the kubelet's warnings (no cluster DNS, limits) become events. */
    private void writeResolvConf() throws IOException {
        Path host = Path.of("/etc/resolv.conf");
        PodDns.Result dns = PodDns.resolve(pod.getSpec(), plan.name() + "_" + plan.namespace() + "(" + plan.uid() + ")",
                Files.isReadable(host) ? Files.readString(host) : "");
        AtomicFiles.write(node.layout().etcFile(plan.uid(), "resolv.conf"), dns.resolvConf().getBytes());
        dns.warnings().forEach(w -> node.events().record(pod, null, EventLog.WARNING, w.reason(), w.message(), "kubelet"));
    }

    private void watchSandbox(SandboxHandle handle, int pausePidfd) {
        node.watcher().watch(pausePidfd, exit -> events.add(new SandboxExited(handle.pausePid())));
    }

    /**
     * The infra container died: like the kubelet, stop what still runs in the broken sandbox and
     * tear it down; the next turn creates a new one and the restart policy decides the containers.
     */
    private void onSandboxExit(int pausePid) {
        if (sandbox == null || sandbox.pausePid() != pausePid || deleting || terminal) {
            return;
        }
        LOG.warn("event=sandbox-died pod={}/{} pause-pid={}", plan.namespace(), plan.name(), pausePid);
        node.events().record(pod, null, EventLog.NORMAL, "SandboxChanged", "Pod sandbox changed, it will be killed and re-created.", "kubelet");
        for (Instance i : List.copyOf(running.values())) {
            node.runner().stop(plan, i, 0);
            node.runner().awaitMonitor(i, 10_000);
            onExit(i.containerName(), i.attempt());
        }
        releaseSandbox();
    }

    private void releaseSandbox() {
        try {
            node.sandbox().destroy(plan.uid(), sandbox);
        } catch (RuntimeException e) {
            LOG.warn("event=sandbox-release-failed pod={}/{} error={}", plan.namespace(), plan.name(), e.getMessage());
        }
        sandbox = null;
    }

    // ---- containers ---------------------------------------------------------------------------

    /**
     * Starts the containers PodActions chose, in its order. Their launches run side by side: each
     * waits mostly on the kernel (overlay mount, a cgroup v1 migration costs an RCU grace period),
     * and those waits overlap. Records are updated in spec order afterwards.
     */
    private void startContainers(List<String> names, Map<String, Instant> restartedAfter, Instant now) {
        List<ContainerRecord> prepared = new ArrayList<>();
        for (String name : names) {
            ContainerRecord rec = records.get(name);
            Instant replacedFinishedAt = restartedAfter.get(name);
            if (replacedFinishedAt != null) {
                node.backoff().next(view.backoffKey(name), replacedFinishedAt, now);
            }
            prepared.add(rec.hasExited() ? rec.restarted() : rec);
        }
        List<ContainerPlan> resolved = new ArrayList<>();
        for (java.util.Iterator<ContainerRecord> it = prepared.iterator(); it.hasNext(); ) {
            ContainerRecord rec = it.next();
            event(rec.name(), EventLog.NORMAL, "Pulled", "Container image \"" + specImage(rec.name()) + "\" already present on machine");
            ContainerPlan c = resolve(rec, now);
            if (c == null) {
                it.remove();
            } else {
                resolved.add(c);
            }
        }
        List<CompletableFuture<ContainerRunner.Started>> launches = new ArrayList<>();
        for (int k = 0; k < prepared.size(); k++) {
            ContainerRecord rec = prepared.get(k);
            ContainerPlan c = resolved.get(k);
            CompletableFuture<ContainerRunner.Started> f = new CompletableFuture<>();
            Runnable launch = () -> {
                try {
                    f.complete(node.runner().start(plan, c, rec.restartCount(), volumes.mounted()));
                } catch (RuntimeException e) {
                    f.completeExceptionally(e);
                }
            };
            if (prepared.size() == 1) {
                launch.run();
            } else {
                Thread t = new Thread(launch, "start-" + c.name());
                t.start();
            }
            launches.add(f);
        }
        for (int k = 0; k < prepared.size(); k++) {
            records.put(prepared.get(k).name(), recordStart(prepared.get(k), resolved.get(k), launches.get(k)));
        }
        for (ContainerRecord rec : prepared) {
            runPostStart(rec.name());
        }
    }

    /**
     * The container's env, argv and subPathExprs as of now (kubelet generateContainerConfig), or
     * null when they cannot be had: the container then waits with CreateContainerConfigError and is
     * tried again after {@link #CONFIG_RETRY} or at once when an object changes.
     */
    private ContainerPlan resolve(ContainerRecord rec, Instant now) {
        ContainerPlan c = plan.container(rec.name()).orElseThrow();
        try {
            ContainerStart.Resolved r = ContainerStart.resolve(c, specContainer(c.name()),
                    new ContainerEnv.Context(pod, fields(), node.objects(), node.volumes().node()));
            r.warnings().forEach(w -> node.events().record(pod, null, EventLog.WARNING, "InvalidEnvironmentVariableNames", w, "kubelet"));
            configRetry.remove(rec.name());
            return r.plan();
        } catch (dev.minipod.runtime.MinipodException e) {
            if (!ContainerEnv.CONFIG_ERROR.equals(e.reason())) {
                throw e;
            }
            configError(rec, e.getMessage(), now);
            return null;
        }
    }

    private void configError(ContainerRecord rec, String message, Instant now) {
        LOG.warn("event=container-config-failed pod={}/{} container={} error={}", plan.namespace(), plan.name(), rec.name(), message);
        event(rec.name(), EventLog.WARNING, "Failed", "Error: " + message);
        records.put(rec.name(), rec.waiting(new ContainerRecord.Waiting(ContainerEnv.CONFIG_ERROR, message)));
        configRetry.put(rec.name(), now.plus(CONFIG_RETRY));
    }

    /**
     * postStart runs right after the start; the container is not Running in the API until it
     * returns (the status is published after this turn). A failed hook kills the container and
     * leaves it waiting with PostStartHookError; the restart policy decides the rest.
     */
    private void runPostStart(String name) {
        Instance i = running.get(name);
        ContainerPlan c = startedPlan(name);
        if (i == null || c.postStart() == null) {
            return;
        }
        String error = runHook(c, i, c.postStart(), HookRunner.HTTP_TIMEOUT);
        if (error == null) {
            return;
        }
        LOG.warn("event=post-start-hook-failed pod={}/{} container={} error={}", plan.namespace(), plan.name(), name, error);
        // like the kubelet, the event does not carry the hook's output (it may hold secrets)
        event(name, EventLog.WARNING, "FailedPostStartHook", "PostStartHook failed");
        stopContainer(i, plan.terminationGracePeriodSeconds());
        node.runner().awaitMonitor(i, 10_000);
        onExit(name, i.attempt());
        records.computeIfPresent(name, (k, r) -> r.waiting(new ContainerRecord.Waiting("PostStartHookError", error)));
    }

    /**
     * The kubelet's kill: preStop (if any) bounded by the grace period, then SIGTERM with what is
     * left of it (at least 2 s when a hook ran), then SIGKILL.
     */
    private void stopContainer(Instance i, long grace) {
        ContainerPlan c = startedPlan(i.containerName());
        long remaining = grace;
        if (c.preStop() != null && grace > 0) {
            long t0 = System.nanoTime();
            java.util.concurrent.CompletableFuture<String> hook = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> runHook(c, i, c.preStop(), Duration.ofSeconds(grace)), r -> new Thread(r, "prestop-" + c.name()).start());
            try {
                String error = hook.get(grace, TimeUnit.SECONDS);
                if (error != null) {
                    event(c.name(), EventLog.WARNING, "FailedPreStopHook", error);
                }
            } catch (java.util.concurrent.TimeoutException e) {
                LOG.info("event=pre-stop-hook-timeout pod={}/{} container={}", plan.namespace(), plan.name(), c.name());
            } catch (java.util.concurrent.ExecutionException e) {
                event(c.name(), EventLog.WARNING, "FailedPreStopHook", String.valueOf(e.getCause().getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            long elapsed = (System.nanoTime() - t0) / 1_000_000_000L;
            remaining = Math.max(2, grace - elapsed);
        }
        node.runner().stop(plan, i, remaining);
    }

    private ContainerRecord recordStart(ContainerRecord rec, ContainerPlan c, CompletableFuture<ContainerRunner.Started> launch) {
        try {
            ContainerRunner.Started s = launch.join();
            event(rec.name(), EventLog.NORMAL, "Created", "Created container: " + rec.name());
            if (s.startError() != null) {
                event(rec.name(), EventLog.WARNING, "Failed", "Error: " + s.startError());
                return rec.startFailed(null, s.startError(), node.clock().instant());
            }
            event(rec.name(), EventLog.NORMAL, "Started", "Started container " + rec.name());
            Instance i = s.instance();
            startedPlans.put(rec.name(), c);
            prober.started(rec.name(), i);
            running.put(rec.name(), i);
            watch(i, s.monitorPidfd());
            return rec.started(i.containerId(), i.startedAt(), i.containerPid());
        } catch (java.util.concurrent.CompletionException e) {
            String why = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
            if (e.getCause() instanceof dev.minipod.runtime.MinipodException m && ContainerEnv.CONFIG_ERROR.equals(m.reason())
                    && c.security().nonRootError() == null) {
                configError(rec, m.getMessage(), node.clock().instant()); // a subPath: may work on a later try
                return records.get(rec.name());
            }
            if (e.getCause() instanceof dev.minipod.runtime.MinipodException m
                    && dev.minipod.runtime.security.RunAsNonRoot.REASON.equals(m.reason())) {
                // kubelet: nothing was created; the container waits with the reason and message
                configErrors.add(rec.name());
                event(rec.name(), EventLog.WARNING, "Failed", "Error: " + why);
                return rec.waiting(new ContainerRecord.Waiting(m.reason(), why));
            }
            LOG.warn("event=container-start-failed pod={}/{} container={} error={}", plan.namespace(), plan.name(), rec.name(), why);
            event(rec.name(), EventLog.WARNING, "Failed", "Error: " + why);
            return rec.startFailed(null, why, node.clock().instant());
        }
    }

    private void watch(Instance i, int monitorPidfd) {
        node.watcher().watch(monitorPidfd, exit -> events.add(new Exited(i.containerName(), i.attempt())));
    }

    private void onExit(String name, int attempt) {
        Instance i = running.get(name);
        if (i == null || i.attempt() != attempt) {
            return;
        }
        running.remove(name);
        prober.stopped(name);
        Optional<ExitRecord> x = ExitRecord.read(node.runner().exitFile(plan, name, attempt));
        ContainerPlan c = plan.container(name).orElseThrow();
        long oomKills = oomKills(name);
        long oomKillsAtRuntimeKill = node.runner().oomKillsAtRuntimeKill(plan, name, attempt);
        ContainerRecord.Terminated t = x
                .map(r -> withMessage(ContainerRecord.Terminated.exit(r.exitCode(), r.signal(), oomKills, oomKillsAtRuntimeKill,
                        r.startedAt() == null ? i.startedAt() : r.startedAt(), r.finishedAt(), i.containerId()),
                        node.runner().terminationMessage(plan, c, attempt, r.exitCode())))
                // the monitor died without a verdict: containerd reports an unknown exit as 255
                .orElseGet(() -> new ContainerRecord.Terminated(255, 0, "Unknown",
                        "the container's monitor exited without recording an exit status",
                        i.startedAt(), node.clock().instant(), i.containerId()));
        records.computeIfPresent(name, (k, r) -> r.isRunning() ? r.exited(t) : r);
        try {
            node.runner().cleanup(plan, name, attempt);
        } catch (RuntimeException e) {
            LOG.warn("event=container-cleanup-failed pod={}/{} container={} error={}", plan.namespace(), plan.name(), name, e.getMessage());
        }
    }

    /** The cgroup's OOM kill count, read while the container's cgroup still exists. */
    private long oomKills(String container) {
        try {
            return node.runner().oomKills(plan, container);
        } catch (RuntimeException e) {
            LOG.warn("event=oom-counter-unreadable pod={}/{} container={} error={}", plan.namespace(), plan.name(), container, e.getMessage());
            return 0;
        }
    }

    private static ContainerRecord.Terminated withMessage(ContainerRecord.Terminated t, String message) {
        if (message == null) {
            return t;
        }
        String m = t.message() == null || t.message().isEmpty() ? message : t.message() + ": " + message;
        return new ContainerRecord.Terminated(t.exitCode(), t.signal(), t.reason(), m, t.startedAt(), t.finishedAt(), t.containerId());
    }

    // ---- termination --------------------------------------------------------------------------

    /** Stops every running container at once (SIGTERM, grace, SIGKILL) and records their exits. */
    private void stopAll(long grace) {
        List<Instance> live = new ArrayList<>(running.values());
        List<Thread> stoppers = new ArrayList<>();
        for (Instance i : live) {
            event(i.containerName(), EventLog.NORMAL, "Killing", "Stopping container " + i.containerName());
            Thread t = new Thread(() -> stopContainer(i, grace), "stop-" + i.containerName());
            t.start();
            stoppers.add(t);
        }
        stoppers.forEach(PodWorker::joinQuietly);
        for (Instance i : live) {
            node.runner().awaitMonitor(i, 10_000);
            onExit(i.containerName(), i.attempt());
        }
    }

    /** When the pod's activeDeadlineSeconds runs out (kubelet's active deadline handler), or null. */
    private Instant deadline() {
        return plan.activeDeadlineSeconds() == null || startTime == null ? null
                : startTime.plusSeconds(plan.activeDeadlineSeconds());
    }

    /** The pod outlived its activeDeadlineSeconds: it fails with DeadlineExceeded and its containers are killed. */
    private void failForDeadline() {
        String message = "Pod was active on the node longer than the specified deadline";
        node.events().record(pod, null, EventLog.NORMAL, DEADLINE_EXCEEDED, message, "kubelet");
        deadlineExceeded = true;
        stopAll(plan.terminationGracePeriodSeconds());
        terminal = true;
        releaseSandbox();
    }

    private void terminateAndRemove() {
        stopAll(graceSeconds);
        synchronized (podLock) {
            tearingDown = true;
        }
        Runnable[] steps = {
            () -> node.sandbox().destroy(plan.uid(), sandbox),
            volumes::tearDown,
            () -> Dirs.deleteTree(node.layout().podRunDir(plan.uid())),
            () -> Dirs.deleteTree(node.layout().podDir(plan.uid())),
            () -> Dirs.deleteTree(node.layout().podLogDir(plan.namespace(), plan.name(), plan.uid())),
        };
        for (Runnable step : steps) {
            try {
                step.run();
            } catch (RuntimeException e) {
                LOG.error("event=pod-teardown-failed pod={}/{} error={}", plan.namespace(), plan.name(), e.getMessage());
            }
        }
        node.changes().publish("DELETED", pod);
        removed.complete(null);
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- status and persistence ---------------------------------------------------------------

    private void publish() {
        Instant now = node.clock().instant();
        PodStatus previous = pod.getStatus();
        List<ContainerRecord> list = List.copyOf(records.values());
        if (volumes.unscheduled() && !deleting) {
            publishStatus(volumes.unschedulableStatus(previous, now));
            return;
        }
        if (sandboxError != null) {
            list = list.stream()
                    .map(r -> r.awaitingStart() ? r.waiting(new ContainerRecord.Waiting("ContainerCreating", sandboxError)) : r)
                    .toList();
        }
        Map<String, PodFacts.ProbeView> verdicts = prober.verdicts();
        PodFacts facts = new PodFacts(startTime, podIP(previous), node.hostIP(), plan.qosClass(), sandbox != null, terminal, previous, verdicts);
        PodStatus status = rejection != null ? rejection.status(plan.qosClass(), startTime)
                : PodStatusDeriver.derive(view, list, facts, now);
        if (deadlineExceeded) {
            status.setPhase("Failed");
            status.setReason(DEADLINE_EXCEEDED);
            status.setMessage("Pod was active on the node longer than the specified deadline");
        }
        publishStatus(status);
    }

    private void publishStatus(PodStatus status) {
        synchronized (podLock) {
            publishStatusLocked(status);
        }
    }

    private void publishStatusLocked(PodStatus status) {
        Instant now = node.clock().instant();
        PodStatus previous = pod.getStatus();
        boolean deletionChange = deleting && pod.getMetadata().getDeletionTimestamp() == null;
        if (!deletionChange && status.equals(previous)) {
            return; // most turns (a probe result that flips nothing) change nothing the API shows
        }
        PodBuilder b = new PodBuilder(pod).withStatus(status);
        if (deleting && pod.getMetadata().getDeletionTimestamp() == null) {
            b.editMetadata()
                    .withDeletionTimestamp(Rfc3339.format(now))
                    .withDeletionGracePeriodSeconds(graceSeconds)
                    .endMetadata();
        }
        Pod next = b.build();
        boolean changed = !next.equals(pod);
        pod = next;
        savePodIfChanged();
        if (changed) {
            node.changes().publish("MODIFIED", next);
        }
    }

    /** The sandbox's IP; once it is gone the last one reported stays, as the kubelet keeps it. */
    private String podIP(PodStatus previous) {
        if (sandbox != null && sandbox.podIP() != null) {
            return sandbox.podIP();
        }
        return previous == null ? null : previous.getPodIP();
    }

    /** A kubelet event about one of this pod's containers. */
    private void event(String container, String type, String reason, String message) {
        boolean init = plan.initContainers().stream().anyMatch(c -> c.name().equals(container));
        String fieldPath = (init ? "spec.initContainers{" : "spec.containers{") + container + "}";
        node.events().record(pod, fieldPath, type, reason, message, "kubelet");
    }

    /** @param httpTimeout bound of an httpGet hook (exec hooks are bounded by the caller) */
    private String runHook(ContainerPlan c, Instance i, dev.minipod.runtime.plan.Hook hook, Duration httpTimeout) {
        if (hook.httpGet() != null) {
            return HookRunner.runHttp(node.probes().dialer(), node.layout().nsPin(plan.uid(), "net"), specContainer(c.name()), hook.httpGet(), httpTimeout);
        }
        return HookRunner.run(node.runner(), plan, c, i, hook);
    }

    private Container specContainer(String name) {
        return java.util.stream.Stream.concat(
                        pod.getSpec().getInitContainers() == null ? java.util.stream.Stream.empty() : pod.getSpec().getInitContainers().stream(),
                        pod.getSpec().getContainers().stream())
                .filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
    }

    // ---- probes --------------------------------------------------------------------------------

    /** A probe result: the kubelet kills the container when liveness or startup fails for good. */
    private void onProbe(PodProber.Done done) {
        Instance i = running.get(done.container());
        io.fabric8.kubernetes.api.model.Probe failed = prober.record(done, i);
        if (failed == null) {
            return;
        }
        long grace = failed.getTerminationGracePeriodSeconds() != null ? failed.getTerminationGracePeriodSeconds()
                : plan.terminationGracePeriodSeconds();
        stopContainer(i, grace);
        node.runner().awaitMonitor(i, 10_000);
        onExit(done.container(), i.attempt());
    }

    /** The image as the user wrote it in the spec (events quote it that way). */
    private String specImage(String container) {
        return specContainer(container).getImage();
    }

    /** The runtime state (records, instances) is written before anything the API shows depends on it. */
    private void persist() {
        if (removed.isDone()) {
            return;
        }
        PodRuntimeState state = new PodRuntimeState(sandbox, startTime, List.copyOf(records.values()),
                List.copyOf(running.values()), terminal);
        // most turns (a probe result, a resync) change nothing durable: skip the write and its fsync
        if (!state.equals(persisted)) {
            node.store().saveRuntime(plan.uid(), state);
            persisted = state;
        }
    }

    /**
     * pod.json (on disk) keeps what a restarted daemon needs from the API object: its deletion and
     * its phase and reason, which are sticky once terminal. Written when one of those changes.
     */
    private void savePodIfChanged() {
        if (removed.isDone()) {
            return;
        }
        String key = pod.getMetadata().getDeletionTimestamp() + "|" + pod.getStatus().getPhase() + "|" + pod.getStatus().getReason();
        if (!key.equals(savedPodKey)) {
            node.store().savePod(pod);
            savedPodKey = key;
        }
    }
}
