package dev.minipod.runtime.volume;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import dev.minipod.runtime.plan.NodeAllocatable;
import dev.minipod.runtime.spec.Quantities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;

/**
 * One pod volume, decided from the spec (pure). configMap, secret and downwardAPI volumes are
 * projections with a single source, as the projected volume generalises them; they keep their own
 * plugin name for the on-disk layout ({@code kubernetes.io~secret}, ...). Like the kubelet's
 * plugins (each wraps an emptyDir), secret, downwardAPI and projected volumes are memory-backed
 * (a tmpfs each, sized as a memory emptyDir); configMap volumes are on disk.
 */
public sealed interface VolumePlan {
    String name();

    /** {@code emptyDir}; {@code memory}: a tmpfs of {@code sizeBytes} (medium: Memory). */
    record EmptyDir(String name, boolean memory, long sizeBytes) implements VolumePlan {}

    /** {@code hostPath} with its {@code type} ("" when unset). */
    record HostPath(String name, String path, String type) implements VolumePlan {}

    /**
     * configMap, secret, downwardAPI or projected: files written by the {@link AtomicWriter}.
     *
     * @param plugin      kubelet plugin dir name, e.g. {@code kubernetes.io~configmap}
     * @param tmpfsBytes  size of the volume's own tmpfs (secret data never touches the disk); 0: on disk
     * @param defaultMode mode of files without an item mode
     */
    record Projected(String name, String plugin, long tmpfsBytes, int defaultMode, List<VolumeProjection> sources)
            implements VolumePlan {
        public boolean tmpfs() { return tmpfsBytes > 0; }
    }

    /** {@code persistentVolumeClaim}. */
    record Claim(String name, String claimName, boolean readOnly) implements VolumePlan {}

    int DEFAULT_MODE = 0644;

    static List<VolumePlan> of(Pod pod, NodeAllocatable node) {
        List<VolumePlan> out = new ArrayList<>();
        if (pod.getSpec().getVolumes() == null) return out;
        for (Volume v : pod.getSpec().getVolumes()) {
            out.add(of(v, pod, node));
        }
        return out;
    }

    private static VolumePlan of(Volume v, Pod pod, NodeAllocatable node) {
        String n = v.getName();
        if (v.getEmptyDir() != null) {
            boolean memory = "Memory".equals(v.getEmptyDir().getMedium());
            return new EmptyDir(n, memory, memory ? memorySize(v.getEmptyDir().getSizeLimit(), pod, node) : 0);
        }
        if (v.getHostPath() != null) {
            return new HostPath(n, v.getHostPath().getPath(), v.getHostPath().getType() == null ? "" : v.getHostPath().getType());
        }
        if (v.getConfigMap() != null) {
            var s = v.getConfigMap();
            return new Projected(n, "kubernetes.io~configmap", 0, mode(s.getDefaultMode()),
                    List.of(new io.fabric8.kubernetes.api.model.VolumeProjectionBuilder().withNewConfigMap()
                            .withName(s.getName()).withItems(s.getItems()).withOptional(s.getOptional()).endConfigMap().build()));
        }
        if (v.getSecret() != null) {
            var s = v.getSecret();
            return new Projected(n, "kubernetes.io~secret", memorySize(null, pod, node), mode(s.getDefaultMode()),
                    List.of(new io.fabric8.kubernetes.api.model.VolumeProjectionBuilder().withNewSecret()
                            .withName(s.getSecretName()).withItems(s.getItems()).withOptional(s.getOptional()).endSecret().build()));
        }
        if (v.getDownwardAPI() != null) {
            var s = v.getDownwardAPI();
            return new Projected(n, "kubernetes.io~downward-api", memorySize(null, pod, node), mode(s.getDefaultMode()),
                    List.of(new io.fabric8.kubernetes.api.model.VolumeProjectionBuilder().withNewDownwardAPI()
                            .withItems(s.getItems()).endDownwardAPI().build()));
        }
        if (v.getProjected() != null) {
            var s = v.getProjected();
            List<VolumeProjection> sources = s.getSources() == null ? List.of() : s.getSources();
            return new Projected(n, "kubernetes.io~projected", memorySize(null, pod, node), mode(s.getDefaultMode()), sources);
        }
        if (v.getPersistentVolumeClaim() != null) {
            var c = v.getPersistentVolumeClaim();
            return new Claim(n, c.getClaimName(), Boolean.TRUE.equals(c.getReadOnly()));
        }
        throw new IllegalArgumentException("volume `" + n + "`: no supported source (admission lets none through)");
    }

    private static int mode(Integer m) {
        return m == null ? DEFAULT_MODE : m;
    }

    /**
     * Size of a memory-backed emptyDir (kubelet calculateEmptyDirMemorySize): node allocatable
     * memory, lowered to the pod's memory limit (when every container has one) and then to the
     * volume's sizeLimit, each only when positive and smaller.
     */
    static long memorySize(Quantity sizeLimit, Pod pod, NodeAllocatable node) {
        long size = node.memoryBytes();
        long podLimit = podMemoryLimit(pod);
        if (podLimit > 0 && podLimit <= size) size = podLimit;
        long volumeLimit = bytes(sizeLimit);
        if (volumeLimit > 0 && volumeLimit <= size) size = volumeLimit;
        return size;
    }

    /** Sum of the app containers' memory limits (max with any init container's), or 0 when one has none. */
    static long podMemoryLimit(Pod pod) {
        long sum = 0;
        for (Container c : pod.getSpec().getContainers()) {
            long l = bytes(c.getResources() == null || c.getResources().getLimits() == null ? null : c.getResources().getLimits().get("memory"));
            if (l <= 0) return 0;
            sum += l;
        }
        for (Container c : pod.getSpec().getInitContainers() == null ? List.<Container>of() : pod.getSpec().getInitContainers()) {
            long l = bytes(c.getResources() == null || c.getResources().getLimits() == null ? null : c.getResources().getLimits().get("memory"));
            if (l <= 0) return 0;
            sum = Math.max(sum, l);
        }
        return sum;
    }

    private static long bytes(Quantity q) {
        if (q == null) return 0;
        return Quantities.parse(q.getAmount() + (q.getFormat() == null ? "" : q.getFormat()))
                .map(b -> b.setScale(0, RoundingMode.CEILING)).map(BigDecimal::longValue).orElse(0L);
    }
}
