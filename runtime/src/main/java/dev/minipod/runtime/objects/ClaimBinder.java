package dev.minipod.runtime.objects;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.minipod.runtime.spec.PodJson;

/**
 * The PV controller's decisions, pure: binds each pending claim to the smallest available volume that
 * satisfies its class, access modes, size and selector; provisions a local-path volume when none fits
 * and the claim's class is the built-in one; reclaims (Retain: Released, Delete: removed) the volumes
 * of deleted claims; keeps every status phase in step.
 */
public final class ClaimBinder {
    public static final String PROVISIONER = "minipod.dev/local-path";
    public static final String PROVISIONED_BY = "pv.kubernetes.io/provisioned-by";
    static final String BIND_COMPLETED = "pv.kubernetes.io/bind-completed";
    static final String BOUND_BY_CONTROLLER = "pv.kubernetes.io/bound-by-controller";

    private ClaimBinder() {}

    /** What to change: objects to write (new or changed), volumes to remove, directories to create or delete. */
    public record Plan(List<ObjectNode> writes, List<String> deletedVolumes, List<Path> createDirs, List<Path> removeDirs) {
        public boolean isEmpty() { return writes.isEmpty() && deletedVolumes.isEmpty(); }
    }

    public static Plan reconcile(List<ObjectNode> claimList, List<ObjectNode> volumeList, List<ObjectNode> classes,
                                 Path localPathRoot, String now) {
        Map<String, ObjectNode> volumes = new LinkedHashMap<>();
        volumeList.forEach(v -> volumes.put(name(v), v.deepCopy()));
        Map<String, ObjectNode> claims = new LinkedHashMap<>();
        claimList.forEach(c -> claims.put(key(c), c.deepCopy()));
        Plan plan = new Plan(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (ObjectNode pv : List.copyOf(volumes.values())) reclaimIfOrphaned(pv, claims, volumes, plan);
        List<ObjectNode> ordered = new ArrayList<>(claims.values());
        ordered.sort(Comparator.comparing((ObjectNode c) -> c.path("metadata").path("creationTimestamp").asText(""))
                .thenComparing(ClaimBinder::key));
        for (ObjectNode claim : ordered) bindOne(claim, volumes, classes, localPathRoot, now, plan);
        for (ObjectNode pv : volumes.values()) {
            // no claim, or pre-bound (claimRef by name, no uid) to a claim not made yet
            boolean unbound = pv.path("spec").path("claimRef").path("uid").asText("").isEmpty();
            if (unbound && !"Failed".equals(phase(pv))) setPhase(pv, "Available", null);
        }
        for (ObjectNode pv : volumes.values()) {
            if (!pv.equals(find(volumeList, name(pv)))) plan.writes().add(pv);
        }
        for (ObjectNode c : claims.values()) {
            if (!c.equals(claimList.stream().filter(o -> key(o).equals(key(c))).findFirst().orElse(null))) plan.writes().add(c);
        }
        return plan;
    }

    private static ObjectNode find(List<ObjectNode> list, String name) {
        return list.stream().filter(o -> name(o).equals(name)).findFirst().orElse(null);
    }

    /** A volume whose claim is gone (or is a new claim of the same name) is reclaimed by its policy. */
    private static void reclaimIfOrphaned(ObjectNode pv, Map<String, ObjectNode> claims, Map<String, ObjectNode> volumes, Plan plan) {
        JsonNode ref = pv.path("spec").path("claimRef");
        if (ref.isMissingNode() || ref.path("uid").asText("").isEmpty()) return;
        ObjectNode claim = claims.get(ref.path("namespace").asText() + "/" + ref.path("name").asText());
        if (claim != null && claim.path("metadata").path("uid").asText().equals(ref.path("uid").asText())) return;
        if (List.of("Released", "Failed").contains(phase(pv))) return;
        String policy = pv.path("spec").path("persistentVolumeReclaimPolicy").asText("Retain");
        if (policy.equals("Retain")) {
            setPhase(pv, "Released", null);
        } else if (PROVISIONER.equals(pv.path("metadata").path("annotations").path(PROVISIONED_BY).asText(""))) {
            volumes.remove(name(pv));
            plan.deletedVolumes().add(name(pv));
            plan.removeDirs().add(Path.of(hostPath(pv)));
        } else {
            setPhase(pv, "Failed", "error getting deleter volume plugin for volume \"" + name(pv) + "\": no deletable volume plugin matched");
        }
    }

    private static void bindOne(ObjectNode claim, Map<String, ObjectNode> volumes, List<ObjectNode> classes, Path root,
                                String now, Plan plan) {
        String bound = claim.path("spec").path("volumeName").asText("");
        if (!bound.isEmpty() && "Bound".equals(phase(claim)) || "Lost".equals(phase(claim))) {
            ObjectNode pv = volumes.get(bound);
            if (pv == null || !claimUid(claim).equals(pv.path("spec").path("claimRef").path("uid").asText())) {
                claim.withObjectProperty("status").put("phase", "Lost");
            }
            return;
        }
        Optional<ObjectNode> pv = bestVolume(claim, volumes.values());
        if (pv.isEmpty()) {
            ObjectNode cls = classOf(claim, classes);
            if (cls == null || !PROVISIONER.equals(cls.path("provisioner").asText())) {
                claim.withObjectProperty("status").removeAll().put("phase", "Pending");
                return;
            }
            ObjectNode created = provision(claim, cls, root, now);
            volumes.put(name(created), created);
            plan.createDirs().add(Path.of(hostPath(created)));
            pv = Optional.of(created);
        }
        bind(claim, pv.get());
    }

    /** The smallest available volume that fits; one pre-bound to this claim (claimRef by name) wins. */
    static Optional<ObjectNode> bestVolume(ObjectNode claim, java.util.Collection<ObjectNode> volumes) {
        JsonNode spec = claim.path("spec");
        String wanted = spec.path("volumeName").asText("");
        BigDecimal size = StorageChecks.bytes(spec.path("resources").path("requests"));
        String cls = spec.path("storageClassName").asText("");
        return volumes.stream()
                .filter(pv -> wanted.isEmpty() || name(pv).equals(wanted))
                .filter(pv -> available(pv, claim))
                .filter(pv -> pv.path("spec").path("storageClassName").asText("").equals(cls))
                .filter(pv -> modes(pv).containsAll(modes(claim)))
                .filter(pv -> StorageChecks.bytes(pv.path("spec").path("capacity")).compareTo(size) >= 0)
                .filter(pv -> LabelSelectors.matches(spec.path("selector"), pv.path("metadata").path("labels")))
                .min(Comparator.comparing((ObjectNode pv) -> !pv.path("spec").has("claimRef"))
                        .thenComparing(pv -> StorageChecks.bytes(pv.path("spec").path("capacity")))
                        .thenComparing(ClaimBinder::name));
    }

    private static boolean available(ObjectNode pv, ObjectNode claim) {
        JsonNode ref = pv.path("spec").path("claimRef");
        if (ref.isMissingNode()) return !"Failed".equals(phase(pv));
        return ref.path("uid").asText("").isEmpty()
                && ref.path("name").asText().equals(claim.path("metadata").path("name").asText())
                && ref.path("namespace").asText().equals(claim.path("metadata").path("namespace").asText());
    }

    private static ObjectNode classOf(ObjectNode claim, List<ObjectNode> classes) {
        String cls = claim.path("spec").path("storageClassName").asText("");
        if (cls.isEmpty()) return null;
        return classes.stream().filter(c -> name(c).equals(cls)).findFirst().orElse(null);
    }

    private static ObjectNode provision(ObjectNode claim, ObjectNode cls, Path root, String now) {
        String ns = claim.path("metadata").path("namespace").asText();
        String pvName = "pvc-" + claimUid(claim);
        ObjectNode pv = PodJson.json().createObjectNode();
        pv.put("apiVersion", "v1").put("kind", "PersistentVolume");
        ObjectNode meta = pv.putObject("metadata");
        meta.put("name", pvName);
        meta.putObject("annotations").put(PROVISIONED_BY, PROVISIONER);
        meta.put("creationTimestamp", now);
        ObjectNode spec = pv.putObject("spec");
        spec.putObject("capacity").put("storage", claim.path("spec").path("resources").path("requests").path("storage").asText());
        spec.set("accessModes", claim.path("spec").path("accessModes").deepCopy());
        spec.put("persistentVolumeReclaimPolicy", cls.path("reclaimPolicy").asText("Delete"));
        spec.put("storageClassName", name(cls));
        spec.put("volumeMode", "Filesystem");
        spec.putObject("hostPath").put("path", root.resolve(pvName + "_" + ns + "_" + name(claim)).toString())
                .put("type", "DirectoryOrCreate");
        return pv;
    }

    private static void bind(ObjectNode claim, ObjectNode pv) {
        ObjectNode ref = pv.withObjectProperty("spec").putObject("claimRef");
        ref.put("kind", "PersistentVolumeClaim").put("namespace", claim.path("metadata").path("namespace").asText())
                .put("name", name(claim)).put("uid", claimUid(claim)).put("apiVersion", "v1");
        pv.withObjectProperty("metadata").withObjectProperty("annotations").put(BOUND_BY_CONTROLLER, "yes");
        setPhase(pv, "Bound", null);
        claim.withObjectProperty("spec").put("volumeName", name(pv));
        ObjectNode ann = claim.withObjectProperty("metadata").withObjectProperty("annotations");
        ann.put(BIND_COMPLETED, "yes").put(BOUND_BY_CONTROLLER, "yes");
        ObjectNode status = claim.withObjectProperty("status").removeAll();
        status.put("phase", "Bound");
        status.set("accessModes", pv.path("spec").path("accessModes").deepCopy());
        status.set("capacity", pv.path("spec").path("capacity").deepCopy());
    }

    private static void setPhase(ObjectNode obj, String phase, String message) {
        ObjectNode status = obj.withObjectProperty("status");
        status.put("phase", phase);
        if (message == null) status.remove("message");
        else status.put("message", message);
    }

    static List<String> modes(JsonNode obj) {
        List<String> m = new ArrayList<>();
        obj.path("spec").path("accessModes").forEach(n -> m.add(n.asText()));
        return m;
    }

    static String phase(JsonNode obj) { return obj.path("status").path("phase").asText(""); }

    static String name(JsonNode obj) { return obj.path("metadata").path("name").asText(""); }

    static String key(JsonNode obj) { return obj.path("metadata").path("namespace").asText("") + "/" + name(obj); }

    private static String claimUid(JsonNode claim) { return claim.path("metadata").path("uid").asText(""); }

    /** The host directory of a hostPath or local volume. */
    public static String hostPath(JsonNode pv) {
        JsonNode spec = pv.path("spec");
        return spec.has("hostPath") ? spec.path("hostPath").path("path").asText() : spec.path("local").path("path").asText();
    }
}
