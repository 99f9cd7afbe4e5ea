package dev.minipod.runtime.objects;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.minipod.runtime.MinipodException;
import dev.minipod.runtime.spec.PodJson;
import dev.minipod.runtime.state.Dirs;
import dev.minipod.runtime.state.Layout;
import dev.minipod.runtime.status.Rfc3339;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;

/**
 * The node's API objects other than pods (ConfigMaps, Secrets, claims, volumes, classes, presets):
 * admitted like the apiserver admits them, versioned, persisted one file each, and read by pod workers
 * through {@link ObjectSource}. Storage objects are reconciled ({@link ClaimBinder}) after each change.
 */
public final class ObjectStore implements ObjectSource {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectStore.class);
    public static final String LOCAL_PATH = "local-path";
    static final String PVC_PROTECTION = "kubernetes.io/pvc-protection";
    static final String DEFAULT_CLASS = "storageclass.kubernetes.io/is-default-class";
    public static final String UNBOUND_MESSAGE = "0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims."
            + " preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.";

    private final Layout layout;
    private final Clock clock;
    private final ObjectFiles files;
    private final Runnable secretStorage;
    private final Map<Kind, TreeMap<String, ObjectNode>> objects = new EnumMap<>(Kind.class);
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private long resourceVersion;
    private ClaimUsers claimUsers = (ns, claim) -> java.util.Set.of();

    /** The pods (by uid) whose volumes use a claim: a claim in use is only marked for deletion (pvc-protection). */
    public interface ClaimUsers {
        java.util.Set<String> podUids(String namespace, String claim);
    }

    /** secretStorage makes the Secrets' tmpfs ready before the first Secret is written. */
    public ObjectStore(Layout layout, Clock clock, Runnable secretStorage) {
        this.layout = layout;
        this.clock = clock;
        this.files = new ObjectFiles(layout);
        this.secretStorage = secretStorage;
        for (Kind k : Kind.values()) {
            TreeMap<String, ObjectNode> m = new TreeMap<>();
            for (ObjectNode o : files.load(k)) {
                m.put(key(k, o.path("metadata").path("namespace").asText(""), o.path("metadata").path("name").asText()), o);
                resourceVersion = Math.max(resourceVersion, o.path("metadata").path("resourceVersion").asLong(0));
            }
            objects.put(k, m);
        }
        synchronized (this) {
            if (objects.get(Kind.STORAGE_CLASS).isEmpty()) save(Kind.STORAGE_CLASS, builtInClass());
            reconcileStorage();
        }
    }

    private ObjectNode builtInClass() {
        ObjectNode sc = PodJson.json().createObjectNode();
        sc.put("apiVersion", Kind.STORAGE_CLASS.apiVersion()).put("kind", Kind.STORAGE_CLASS.kind());
        ObjectNode meta = sc.putObject("metadata");
        meta.put("name", LOCAL_PATH).put("uid", UUID.randomUUID().toString()).put("creationTimestamp", now());
        meta.putObject("annotations").put(DEFAULT_CLASS, "true");
        sc.put("provisioner", ClaimBinder.PROVISIONER).put("reclaimPolicy", "Delete").put("volumeBindingMode", "Immediate");
        return sc;
    }

    /** Wires the pods' side of pvc-protection (the pod manager exists after the store) and finishes pending deletions. */
    public void protectClaims(ClaimUsers users) {
        this.claimUsers = users;
        podGone(null);
    }

    /**
     * A pod is gone (its volumes torn down): claims marked for deletion that no other pod uses are removed now,
     * as the pvc-protection controller removes its finalizer. uid is the gone pod, not counted as a user.
     */
    public void podGone(String uid) {
        boolean changed = false;
        synchronized (this) {
            for (ObjectNode c : List.copyOf(objects.get(Kind.CLAIM).values())) {
                JsonNode meta = c.path("metadata");
                if (meta.path("deletionTimestamp").isMissingNode()) continue;
                java.util.Set<String> users = new java.util.HashSet<>(claimUsers.podUids(meta.path("namespace").asText(), meta.path("name").asText()));
                users.remove(uid);
                if (users.isEmpty()) {
                    remove(Kind.CLAIM, meta.path("namespace").asText(), meta.path("name").asText());
                    changed = true;
                }
            }
        }
        if (changed) fire();
    }

    private static String key(Kind kind, String namespace, String name) {
        return (kind.namespaced() ? namespace : "") + "/" + name;
    }

    private String now() { return Rfc3339.format(clock.instant()); }

    private static MinipodException notFound(Kind kind, String name) {
        return MinipodException.notFound(kind.resource() + " \"" + name + "\" not found");
    }

    // --- the API side ---

    public ObjectNode create(Kind kind, String namespace, byte[] body) {
        ObjectNode created;
        synchronized (this) {
            ObjectNode obj = ObjectAdmission.decode(kind, namespace, body);
            JsonNode meta = obj.path("metadata");
            if (!meta.path("resourceVersion").asText("").isEmpty()) {
                throw new MinipodException("BadRequest", 2, "resourceVersion should not be set on objects to be created");
            }
            ObjectNode m = obj.withObjectProperty("metadata");
            if (meta.path("name").asText("").isEmpty() && !meta.path("generateName").asText("").isEmpty()) {
                m.put("name", meta.path("generateName").asText() + UUID.randomUUID().toString().substring(0, 5));
            }
            obj.remove("status");
            ObjectAdmission.admit(kind, obj, null, defaultClass());
            String name = m.path("name").asText();
            if (objects.get(kind).containsKey(key(kind, namespace, name))) {
                throw MinipodException.conflict(kind.resource() + " \"" + name + "\" already exists");
            }
            m.put("uid", UUID.randomUUID().toString());
            m.put("creationTimestamp", now());
            if (kind == Kind.CLAIM) m.putArray("finalizers").add(PVC_PROTECTION);
            save(kind, obj);
            if (isStorage(kind)) reconcileStorage();
            created = get(kind, namespace, name);
        }
        fire();
        return created;
    }

    public ObjectNode replace(Kind kind, String namespace, String name, byte[] body) {
        ObjectNode replaced;
        synchronized (this) {
            ObjectNode old = objects.get(kind).get(key(kind, namespace, name));
            if (old == null) throw notFound(kind, name);
            ObjectNode obj = ObjectAdmission.decode(kind, namespace, body);
            String bodyName = obj.path("metadata").path("name").asText("");
            if (!bodyName.equals(name)) {
                throw new MinipodException("BadRequest", 2, "the name of the object (" + bodyName
                        + ") does not match the name on the URL (" + name + ")");
            }
            String rv = obj.path("metadata").path("resourceVersion").asText("");
            if (!rv.isEmpty() && !rv.equals(old.path("metadata").path("resourceVersion").asText())) {
                throw new MinipodException("Conflict", 3, "Operation cannot be fulfilled on " + kind.resource() + " \"" + name
                        + "\": the object has been modified; please apply your changes to the latest version and try again");
            }
            ObjectAdmission.admit(kind, obj, old, defaultClass());
            ObjectNode m = obj.withObjectProperty("metadata");
            m.set("uid", old.path("metadata").path("uid"));
            m.set("creationTimestamp", old.path("metadata").path("creationTimestamp"));
            if (old.has("status")) obj.set("status", old.get("status"));
            else obj.remove("status");
            save(kind, obj);
            if (isStorage(kind)) reconcileStorage();
            replaced = get(kind, namespace, name);
        }
        fire();
        return replaced;
    }

    public synchronized ObjectNode get(Kind kind, String namespace, String name) {
        ObjectNode o = objects.get(kind).get(key(kind, namespace, name));
        if (o == null) throw notFound(kind, name);
        return o.deepCopy();
    }

    /** A v1 list (`ConfigMapList`...) of one namespace, by name. */
    public synchronized ObjectNode list(Kind kind, String namespace) {
        ObjectNode list = PodJson.json().createObjectNode();
        list.put("kind", kind.kind() + "List").put("apiVersion", kind.apiVersion());
        list.putObject("metadata").put("resourceVersion", Long.toString(resourceVersion));
        var items = list.putArray("items");
        items(kind, namespace).forEach(items::add);
        return list;
    }

    private List<ObjectNode> items(Kind kind, String namespace) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode o : objects.get(kind).values()) {
            if (!kind.namespaced() || namespace == null || namespace.equals(o.path("metadata").path("namespace").asText())) {
                out.add(o.deepCopy());
            }
        }
        return out;
    }

    /** Deletes an object; answers a v1 Status like the apiserver does for objects without finalizers. */
    public ObjectNode delete(Kind kind, String namespace, String name) {
        ObjectNode gone;
        ObjectNode held = null;
        synchronized (this) {
            gone = objects.get(kind).get(key(kind, namespace, name));
            if (gone == null) throw notFound(kind, name);
            if (kind == Kind.CLAIM && !claimUsers.podUids(namespace, name).isEmpty()) {
                // pvc-protection: the claim waits, Terminating, until its last pod is gone (podGone)
                held = gone.deepCopy();
                if (gone.path("metadata").path("deletionTimestamp").isMissingNode()) {
                    held.withObjectProperty("metadata").put("deletionTimestamp", now());
                    save(kind, held);
                }
            } else {
                remove(kind, namespace, name);
            }
        }
        fire();
        if (held != null) return held.deepCopy();
        ObjectNode status = PodJson.json().createObjectNode();
        status.put("kind", "Status").put("apiVersion", "v1").putObject("metadata");
        status.put("status", "Success");
        status.putObject("details").put("name", name).put("kind", kind.resource()).set("uid", gone.path("metadata").path("uid"));
        return status;
    }

    private void remove(Kind kind, String namespace, String name) {
        objects.get(kind).remove(key(kind, namespace, name));
        files.delete(kind, namespace, name);
        resourceVersion++;
        if (isStorage(kind)) reconcileStorage();
    }

    /** The presets of a namespace, in name order (PodPreset admission). */
    public synchronized List<ObjectNode> podPresets(String namespace) {
        return items(Kind.POD_PRESET, namespace);
    }

    // --- the pod side (ObjectSource) ---

    @Override
    public synchronized Optional<ConfigMap> configMap(String namespace, String name) {
        return Optional.ofNullable(objects.get(Kind.CONFIG_MAP).get(key(Kind.CONFIG_MAP, namespace, name)))
                .map(o -> PodJson.json().convertValue(o, ConfigMap.class));
    }

    @Override
    public synchronized Optional<Secret> secret(String namespace, String name) {
        return Optional.ofNullable(objects.get(Kind.SECRET).get(key(Kind.SECRET, namespace, name)))
                .map(o -> PodJson.json().convertValue(o, Secret.class));
    }

    @Override
    public synchronized ClaimBinding claim(String namespace, String claimName) {
        ObjectNode claim = objects.get(Kind.CLAIM).get(key(Kind.CLAIM, namespace, claimName));
        if (claim == null) return ClaimBinding.missing(claimName);
        ObjectNode pv = objects.get(Kind.VOLUME).get(key(Kind.VOLUME, "", claim.path("spec").path("volumeName").asText("")));
        if (!"Bound".equals(ClaimBinder.phase(claim)) || pv == null) {
            return ClaimBinding.pending("Unschedulable", UNBOUND_MESSAGE);
        }
        return ClaimBinding.bound(Path.of(ClaimBinder.hostPath(pv)), ClaimBinder.modes(claim).equals(List.of("ReadOnlyMany")));
    }

    @Override
    public void addListener(Runnable listener) { listeners.add(listener); }

    private void fire() {
        for (Runnable l : listeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                LOG.error("event=object-listener-failed error={}", e.toString());
            }
        }
    }

    // --- writes and the storage controller ---

    private void save(Kind kind, ObjectNode obj) {
        if (kind == Kind.SECRET) secretStorage.run();
        obj.withObjectProperty("metadata").put("resourceVersion", Long.toString(++resourceVersion));
        files.write(kind, obj);
        JsonNode meta = obj.path("metadata");
        objects.get(kind).put(key(kind, meta.path("namespace").asText(""), meta.path("name").asText()), obj);
    }

    private static boolean isStorage(Kind kind) {
        return kind == Kind.CLAIM || kind == Kind.VOLUME || kind == Kind.STORAGE_CLASS;
    }

    /** The class claims without storageClassName get (DefaultStorageClass admission); null when none. */
    private String defaultClass() {
        return objects.get(Kind.STORAGE_CLASS).values().stream()
                .filter(c -> "true".equals(c.path("metadata").path("annotations").path(DEFAULT_CLASS).asText()))
                .max(java.util.Comparator.comparing((ObjectNode c) -> c.path("metadata").path("creationTimestamp").asText()))
                .map(ClaimBinder::name).orElse(null);
    }

    private void reconcileStorage() {
        ClaimBinder.Plan plan = ClaimBinder.reconcile(List.copyOf(objects.get(Kind.CLAIM).values()),
                List.copyOf(objects.get(Kind.VOLUME).values()), List.copyOf(objects.get(Kind.STORAGE_CLASS).values()),
                layout.localPathDir(), now());
        for (Path dir : plan.createDirs()) createDir(dir, true);
        for (ObjectNode o : plan.writes()) {
            Kind kind = o.path("kind").asText().equals(Kind.VOLUME.kind()) ? Kind.VOLUME : Kind.CLAIM;
            if (o.path("metadata").path("uid").asText("").isEmpty()) o.withObjectProperty("metadata").put("uid", UUID.randomUUID().toString());
            save(kind, o);
            if (kind == Kind.VOLUME && "Bound".equals(ClaimBinder.phase(o))
                    && "DirectoryOrCreate".equals(o.path("spec").path("hostPath").path("type").asText())) {
                createDir(Path.of(ClaimBinder.hostPath(o)), false);
            }
        }
        for (String pv : plan.deletedVolumes()) {
            objects.get(Kind.VOLUME).remove(key(Kind.VOLUME, "", pv));
            files.delete(Kind.VOLUME, "", pv);
            resourceVersion++;
        }
        for (Path dir : plan.removeDirs()) {
            if (dir.startsWith(layout.localPathDir())) Dirs.deleteTree(dir);
        }
        if (!plan.isEmpty()) LOG.info("event=storage-reconciled writes={} deleted={}", plan.writes().size(), plan.deletedVolumes());
    }

    /** provisioned: a local-path volume, writable by any container user like rancher's; else 0755 like the kubelet's DirectoryOrCreate. */
    private static void createDir(Path dir, boolean provisioned) {
        try {
            if (Files.isDirectory(dir)) return;
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(provisioned ? "rwxrwxrwx" : "rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException("create volume directory `" + dir + "`", e);
        }
    }
}
