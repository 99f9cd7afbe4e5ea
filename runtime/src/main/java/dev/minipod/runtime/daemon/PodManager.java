package dev.minipod.runtime.daemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.minipod.runtime.MinipodException;
import dev.minipod.runtime.api.PodService;
import dev.minipod.runtime.cgroup.Cgroups;
import dev.minipod.runtime.image.Image;
import dev.minipod.runtime.image.ImageRef;
import dev.minipod.runtime.image.ImageStore;
import dev.minipod.runtime.network.HostPorts;
import dev.minipod.runtime.metrics.PodMetricsSource;
import dev.minipod.runtime.objects.PodPresets;
import dev.minipod.runtime.plan.ContainerPlan;
import dev.minipod.runtime.plan.PodPlan;
import dev.minipod.runtime.plan.PodFields;
import dev.minipod.runtime.plan.PodPlanner;
import dev.minipod.runtime.process.CriLog;
import dev.minipod.runtime.security.SecurityPlanner;
import dev.minipod.runtime.process.Instance;
import dev.minipod.runtime.spec.ManifestLoader;
import dev.minipod.runtime.state.PodRuntimeState;
import dev.minipod.runtime.status.EventLog;
import dev.minipod.runtime.status.PodChanges;
import dev.minipod.runtime.status.Rfc3339;
import dev.minipod.runtime.sync.Node;
import dev.minipod.runtime.sync.PodPlanView;
import dev.minipod.runtime.sync.PodRejection;
import dev.minipod.runtime.sync.PodWorker;
import dev.minipod.runtime.validate.PodAdmission;
import dev.minipod.runtime.validate.PodUpdate;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.PodListBuilder;

/** The pods of this node: admits new ones, owns their workers, serves reads, logs and exec. */
public final class PodManager implements PodService {
    private static final Logger LOG = LoggerFactory.getLogger(PodManager.class);
    private static final String UNEXPECTED_ADMISSION = "UnexpectedAdmissionError";

    private final Node node;
    private final ImageStore images;
    private final Cgroups cgroups;
    private final Map<String, PodWorker> workers = new ConcurrentHashMap<>();
    private final Unschedulable unscheduled = new Unschedulable();
    private final Function<String, List<ObjectNode>> podPresets;
    private final SecurityPlanner security;

    private final PodMetricsSource metrics;

    public PodManager(Node node, ImageStore images, Cgroups cgroups) {
        this(node, images, cgroups, ns -> List.of(), SecurityPlanner.hostless());
    }

    /**
     * podPresets: the PodPresets of a namespace, merged into its new pods (PodPreset admission);
     * security: decides each container's securityContext with the node's options.
     */
    public PodManager(Node node, ImageStore images, Cgroups cgroups, Function<String, List<ObjectNode>> podPresets,
                      SecurityPlanner security) {
        this.security = security;
        this.cgroups = cgroups;
        this.metrics = new PodMetricsSource(cgroups, System::nanoTime, node.clock()::instant);
        this.node = node;
        this.images = images;
        this.podPresets = podPresets;
        // one listener for all pods: a ConfigMap, Secret or claim changed
        node.objects().addListener(() -> workers.values().forEach(PodWorker::objectsChanged));
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    @Override
    public Pod create(String namespace, byte[] body) {
        Pod pod = ManifestLoader.loadPod(new String(body, StandardCharsets.UTF_8));
        String ns = pod.getMetadata() != null && pod.getMetadata().getNamespace() != null ? pod.getMetadata().getNamespace() : namespace;
        if (!ns.equals(namespace)) {
            throw new MinipodException("BadRequest", 2,
                    "the namespace of the provided object does not match the namespace sent on the request");
        }
        PodPresets.Result preset = PodPresets.apply(pod, podPresets.apply(ns));
        Pod defaulted = PodAdmission.admit(new PodBuilder(preset.pod()).editOrNewMetadata().withNamespace(ns).endMetadata().build());
        synchronized (workers) {
            String name = defaulted.getMetadata().getName();
            if (workers.containsKey(key(ns, name)) || unscheduled.get(key(ns, name)) != null) {
                throw MinipodException.conflict("pods \"" + name + "\" already exists");
            }
            Pod accepted = new PodBuilder(defaulted).editMetadata()
                    .withUid(UUID.randomUUID().toString())
                    .withCreationTimestamp(Rfc3339.format(node.clock().instant()))
                    .withResourceVersion("1")
                    .endMetadata()
                    .build();
            if (Unschedulable.portsBusy(accepted, livePods())) {
                plan(accepted); // a missing image is still refused at once
                Pod held = unscheduled.hold(key(ns, name), accepted, node.clock().instant());
                node.store().savePod(held); // a restarted daemon still holds it
                node.events().record(held, null, EventLog.WARNING, "FailedScheduling", HostPorts.UNSCHEDULABLE_MESSAGE, "default-scheduler");
                node.changes().publish("ADDED", held);
                return held;
            }
            PodWorker w = schedule(accepted);
            if (preset.conflict() != null) {
                node.events().record(w.pod(), null, EventLog.WARNING, "PodPreset", preset.conflict(), "podpreset-admission");
            }
            node.changes().publish("ADDED", w.pod());
            w.start();
            return w.pod();
        }
    }

    /**
     * The kubelet's resource admission (its admit handler asks the CPU manager to allocate): null
     * when the pod fits, else the rejection, with the allocation error wrapped as the kubelet does.
     */
    private PodRejection admitResources(PodPlan plan) {
        try {
            cgroups.admit(plan);
            return null;
        } catch (MinipodException e) {
            if (!UNEXPECTED_ADMISSION.equals(e.reason())) {
                throw e;
            }
            return new PodRejection(UNEXPECTED_ADMISSION, "Allocate failed due to " + e.getMessage() + ", which is unexpected");
        }
    }

    /** Binds the pod to this node and gives it a worker (not started). */
    private PodWorker schedule(Pod accepted) {
        Pod admitted = new PodBuilder(accepted).editSpec().withNodeName(node.nodeName()).endSpec().build();
        PodPlan plan = plan(admitted);
        PodWorker w = new PodWorker(node, admitted, plan, view(plan, admitted), null);
        PodRejection rejected = admitResources(plan);
        if (rejected != null) {
            w.reject(rejected);
            node.events().record(admitted, null, EventLog.WARNING, rejected.reason(), rejected.message(), "kubelet");
        }
        track(w);
        // the Scheduled event comes from the worker once the pod's claims are bound
        return w;
    }

    private List<Pod> livePods() {
        return workers.values().stream().map(PodWorker::pod).toList();
    }

    /** A pod went away: the held pods whose ports are now free are scheduled, oldest first. */
    private void scheduleHeld() {
        synchronized (workers) {
            for (Pod held : unscheduled.all()) {
                if (Unschedulable.portsBusy(held, livePods())) {
                    continue;
                }
                String k = key(held.getMetadata().getNamespace(), held.getMetadata().getName());
                unscheduled.remove(k);
                try {
                    PodWorker w = schedule(new PodBuilder(held).withStatus(null).build());
                    w.start();
                } catch (RuntimeException e) {
                    LOG.error("event=schedule-failed pod={} error={}", k, e.getMessage());
                }
            }
        }
    }

    private PodPlan plan(Pod pod) {
        return PodPlanner.plan(pod, this::resolveImage, p -> new PodFields(p, node.hostIP(), List.of()), security);
    }

    private Optional<Image> resolveImage(String ref) {
        try {
            return images.resolve(ref);
        } catch (IOException e) {
            throw new UncheckedIOException("read image store", e);
        }
    }

    static PodPlanView view(PodPlan plan, Pod pod) {
        java.util.Map<String, io.fabric8.kubernetes.api.model.Container> specs = new java.util.HashMap<>();
        if (pod.getSpec().getInitContainers() != null) {
            pod.getSpec().getInitContainers().forEach(c -> specs.put(c.getName(), c));
        }
        pod.getSpec().getContainers().forEach(c -> specs.put(c.getName(), c));
        return new PodPlanView(plan.name(), plan.namespace(), plan.uid(), plan.restartPolicy(),
                plan.initContainers().stream().map(c -> containerView(c, specs.get(c.name()))).toList(),
                plan.containers().stream().map(c -> containerView(c, specs.get(c.name()))).toList());
    }

    private static PodPlanView.ContainerView containerView(ContainerPlan c, io.fabric8.kubernetes.api.model.Container spec) {
        return new PodPlanView.ContainerView(c.name(), c.image(), c.imageId(),
                spec.getReadinessProbe() != null, spec.getStartupProbe() != null);
    }

    private void track(PodWorker w) {
        String k = key(w.plan().namespace(), w.plan().name());
        workers.put(k, w);
        w.removed().thenRun(() -> {
            workers.remove(k, w);
            scheduleHeld();
        });
    }

    /** Re-adopts the pods of an earlier daemon: running containers keep running, no restart counted. */
    public void recover() {
        for (Pod pod : node.store().loadPods()) {
            if (pod.getSpec().getNodeName() == null) {
                synchronized (workers) {
                    unscheduled.hold(key(pod.getMetadata().getNamespace(), pod.getMetadata().getName()), pod, node.clock().instant());
                }
                continue;
            }
            try {
                PodPlan plan = plan(pod);
                PodRuntimeState state = node.store().loadRuntime(pod.getMetadata().getUid()).orElse(null);
                PodWorker w = new PodWorker(node, pod, plan, view(plan, pod), state);
                PodRejection rejected = PodRejection.of(pod.getStatus());
                if (rejected != null) {
                    w.reject(rejected); // a rejected pod stays rejected, it is never admitted again
                }
                cgroups.account(plan);
                track(w);
                w.start();
                LOG.info("event=pod-recovered pod={}/{} adopted={}", plan.namespace(), plan.name(), state != null);
            } catch (RuntimeException e) {
                LOG.error("event=pod-recovery-failed pod={} error={}", pod.getMetadata().getName(), e.getMessage());
            }
        }
        removeOrphanCgroups();
        java.util.Set<String> known = new java.util.HashSet<>();
        workers.values().forEach(w -> known.add(w.plan().uid()));
        node.sandbox().removeOrphanNetworks(known);
        scheduleHeld();
    }

    /** Cgroups of pods this node no longer knows (a daemon crashed mid-teardown): kill what is left, remove them. */
    private void removeOrphanCgroups() {
        java.util.Set<String> known = new java.util.HashSet<>();
        workers.values().forEach(w -> known.add(w.plan().uid()));
        for (String uid : cgroups.podUids()) {
            if (!known.contains(uid)) {
                try {
                    cgroups.removePod(uid);
                    LOG.info("event=orphan-cgroup-removed pod-uid={}", uid);
                } catch (RuntimeException e) {
                    LOG.error("event=orphan-cgroup-removal-failed pod-uid={} error={}", uid, e.getMessage());
                }
            }
        }
    }

    /** metrics.k8s.io: usage of the pod's running containers, or of every such pod of the namespace. */
    @Override
    public Object podMetrics(String namespace, String name) {
        List<PodWorker> ws = name != null ? List.of(worker(namespace, name))
                : workers.values().stream().filter(w -> w.plan().namespace().equals(namespace))
                        .sorted(Comparator.comparing(w -> w.plan().name())).toList();
        List<PodMetricsSource.Target> targets = ws.stream()
                .map(w -> new PodMetricsSource.Target(w.pod(),
                        w.plan().all().map(ContainerPlan::name).filter(c -> w.runningInstance(c).isPresent()).toList()))
                .toList();
        List<Map<String, Object>> items = metrics.metrics(targets);
        if (name != null) {
            if (items.isEmpty()) {
                throw MinipodException.notFound("podmetrics.metrics.k8s.io \"" + namespace + "/" + name + "\" not found");
            }
            return items.get(0);
        }
        Map<String, Object> list = new java.util.LinkedHashMap<>();
        list.put("kind", "PodMetricsList");
        list.put("apiVersion", "metrics.k8s.io/v1beta1");
        list.put("metadata", Map.of());
        list.put("items", items);
        return list;
    }

    private PodWorker worker(String namespace, String name) {
        PodWorker w = workers.get(key(namespace, name));
        if (w == null) {
            throw MinipodException.notFound("pods \"" + name + "\" not found");
        }
        return w;
    }

    /** Events of a namespace matching a field selector (`involvedObject.name=...`), oldest first. */
    @Override
    public io.fabric8.kubernetes.api.model.EventList events(String namespace, java.util.Map<String, String> fieldSelector) {
        return new io.fabric8.kubernetes.api.model.EventListBuilder().withNewMetadata().withResourceVersion("1").endMetadata()
                .withItems(node.events().list(namespace, fieldSelector)).build();
    }

    /** Watchers get ADDED for every current pod, then each change. */
    @Override
    public java.util.concurrent.BlockingQueue<PodChanges.Change> watch(String namespace) {
        java.util.concurrent.BlockingQueue<PodChanges.Change> q = node.changes().subscribe();
        for (Pod p : list(namespace).getItems()) {
            q.offer(new PodChanges.Change("ADDED", p));
        }
        return q;
    }

    @Override
    public void unwatch(java.util.concurrent.BlockingQueue<PodChanges.Change> q) {
        node.changes().unsubscribe(q);
    }

    /** The uids of the pods whose volumes use a claim (pvc-protection holds the claim's deletion until none). */
    public java.util.Set<String> claimUsers(String namespace, String claim) {
        java.util.Set<String> uids = new java.util.HashSet<>();
        for (PodWorker w : workers.values()) {
            Pod p = w.pod();
            if (!namespace.equals(p.getMetadata().getNamespace()) || p.getSpec().getVolumes() == null) continue;
            for (var v : p.getSpec().getVolumes()) {
                if (v.getPersistentVolumeClaim() != null && claim.equals(v.getPersistentVolumeClaim().getClaimName())) {
                    uids.add(p.getMetadata().getUid());
                }
            }
        }
        return uids;
    }

    @Override
    public Pod get(String namespace, String name) {
        synchronized (workers) {
            Pod held = unscheduled.get(key(namespace, name));
            if (held != null) {
                return held;
            }
        }
        return worker(namespace, name).pod();
    }

    /**
     * A PUT of a pod: labels and annotations change ({@link PodUpdate}), stored and published as
     * MODIFIED; a running pod's downwardAPI files follow, its containers are left alone.
     */
    @Override
    public Pod update(String namespace, String name, byte[] body) {
        Pod submitted = ManifestLoader.loadPod(new String(body, StandardCharsets.UTF_8));
        synchronized (workers) {
            String k = key(namespace, name);
            Pod held = unscheduled.get(k);
            if (held != null) {
                Pod next = PodUpdate.apply(held, submitted);
                if (next != held) {
                    unscheduled.replace(k, next);
                    node.store().savePod(next);
                    node.changes().publish("MODIFIED", next);
                }
                return next;
            }
        }
        return worker(namespace, name).updateMetadata(live -> PodUpdate.apply(live, submitted));
    }

    @Override
    public PodList list(String namespace) {
        List<Pod> all = new java.util.ArrayList<>(livePods());
        synchronized (workers) {
            all.addAll(unscheduled.all());
        }
        List<Pod> pods = all.stream()
                .filter(p -> namespace == null || namespace.equals(p.getMetadata().getNamespace()))
                .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                .toList();
        return new PodListBuilder().withNewMetadata().withResourceVersion("1").endMetadata().withItems(pods).build();
    }

    @Override
    public Pod delete(String namespace, String name, Long gracePeriodSeconds) {
        Pod held = removeHeld(namespace, name);
        if (held != null) {
            return held;
        }
        PodWorker w = worker(namespace, name);
        long grace = gracePeriodSeconds != null ? gracePeriodSeconds : w.plan().terminationGracePeriodSeconds();
        w.delete(Math.max(0, grace));
        Pod p = w.pod();
        if (p.getMetadata().getDeletionTimestamp() != null) {
            return p;
        }
        return new PodBuilder(p).editMetadata()
                .withDeletionTimestamp(Rfc3339.format(Instant.now()))
                .withDeletionGracePeriodSeconds(grace)
                .endMetadata().build();
    }

    /** For tests and shutdown: deletes a pod and waits until everything it created is gone. */
    public void deleteAndWait(String namespace, String name, long grace) {
        if (removeHeld(namespace, name) != null) {
            return;
        }
        PodWorker w = worker(namespace, name);
        w.delete(grace);
        w.removed().join();
    }

    /** An unscheduled pod has nothing to tear down: it goes at once. */
    private Pod removeHeld(String namespace, String name) {
        Pod held;
        synchronized (workers) {
            held = unscheduled.remove(key(namespace, name));
        }
        if (held == null) {
            return null;
        }
        dev.minipod.runtime.state.Dirs.deleteTree(node.layout().podDir(held.getMetadata().getUid()));
        Pod gone = new PodBuilder(held).editMetadata().withDeletionTimestamp(Rfc3339.format(node.clock().instant()))
                .withDeletionGracePeriodSeconds(0L).endMetadata().build();
        node.changes().publish("DELETED", gone);
        return gone;
    }

    private ContainerPlan container(PodWorker w, String container) {
        PodPlan plan = w.plan();
        if (container == null || container.isEmpty()) {
            if (plan.containers().size() == 1 && plan.initContainers().isEmpty()) {
                return plan.containers().get(0);
            }
            throw new MinipodException("BadRequest", 2, "a container name must be specified for pod " + plan.name()
                    + ", choose one of: " + plan.containers().stream().map(ContainerPlan::name).toList()
                    + (plan.initContainers().isEmpty() ? "" : " or one of the init containers: "
                    + plan.initContainers().stream().map(ContainerPlan::name).toList()));
        }
        return plan.container(container).orElseThrow(() -> new MinipodException("BadRequest", 2,
                "container " + container + " is not valid for pod " + plan.name()));
    }

    @Override
    public LogSource logs(String namespace, String name, String container, boolean previous) {
        PodWorker w = worker(namespace, name);
        ContainerPlan c = container(w, container);
        int restarts = w.pod().getStatus() == null ? 0 : restartCount(w.pod(), c.name());
        int attempt = previous ? restarts - 1 : restarts;
        if (attempt < 0) {
            throw new MinipodException("BadRequest", 2, "previous terminated container \"" + c.name()
                    + "\" in pod \"" + name + "\" not found");
        }
        PodPlan p = w.plan();
        Path file = node.layout().logFile(p.namespace(), p.name(), p.uid(), c.name(), attempt);
        return out -> CriLog.copy(file, out);
    }

    private static int restartCount(Pod pod, String container) {
        var s = pod.getStatus();
        var all = new java.util.ArrayList<io.fabric8.kubernetes.api.model.ContainerStatus>();
        if (s.getInitContainerStatuses() != null) {
            all.addAll(s.getInitContainerStatuses());
        }
        if (s.getContainerStatuses() != null) {
            all.addAll(s.getContainerStatuses());
        }
        return all.stream().filter(cs -> container.equals(cs.getName())).findFirst()
                .map(cs -> cs.getRestartCount() == null ? 0 : cs.getRestartCount()).orElse(0);
    }

    @Override
    public int exec(String namespace, String name, String container, List<String> command, ExecSink sink) {
        PodWorker w = worker(namespace, name);
        ContainerPlan c = container(w, container);
        Instance i = w.runningInstance(c.name()).orElseThrow(() -> new MinipodException("BadRequest", 2,
                "container " + c.name() + " is not running in pod " + name));
        return node.runner().exec(w.plan(), w.startedPlan(c.name()), i, command, sink);
    }

    @Override
    public java.nio.channels.SocketChannel portForward(String namespace, String name, int port) {
        PodWorker w = worker(namespace, name);
        if (w.pod().getStatus() == null || !"Running".equals(w.pod().getStatus().getPhase())) {
            throw new MinipodException("BadRequest", 2, "unable to forward port because pod is not running. Current status="
                    + (w.pod().getStatus() == null ? "Pending" : w.pod().getStatus().getPhase()));
        }
        Path netns = node.layout().nsPin(w.plan().uid(), "net");
        java.nio.channels.SocketChannel ch = null;
        try {
            ch = node.probes().dialer().openSocket(netns);
            ch.connect(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port));
            return ch;
        } catch (IOException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
            throw new MinipodException("BadRequest", 1, "error forwarding port " + port + " to pod " + name
                    + ": dial tcp4 127.0.0.1:" + port + ": " + e.getMessage());
        }
    }

    @Override
    public String[] importImage(String path, String name) {
        try {
            ImageRef ref = images.importLayout(Path.of(path), name);
            return new String[] {ref.name(), ref.digest()};
        } catch (IOException e) {
            throw new UncheckedIOException("import `" + path + "`", e);
        }
    }
}
