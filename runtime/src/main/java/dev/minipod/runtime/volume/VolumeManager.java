package dev.minipod.runtime.volume;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.minipod.runtime.MinipodException;
import dev.minipod.runtime.linux.Kernel;
import dev.minipod.runtime.linux.MountInfo;
import dev.minipod.runtime.objects.ClaimBinding;
import dev.minipod.runtime.plan.NodeAllocatable;
import dev.minipod.runtime.rootfs.VolumeOwnership;
import dev.minipod.runtime.state.Layout;

/**
 * Sets up, refreshes and tears down a pod's volumes on the host (the kubelet's volume manager,
 * in-process and synchronous). Everything is idempotent, so a restarted daemon sets up an adopted
 * pod's volumes again without harm. Each volume ends as a host directory (or file) that containers
 * bind-mount.
 */
public final class VolumeManager {
    public static final String UNSCHEDULABLE = "Unschedulable";

    private final Kernel kernel;
    private final Layout layout;
    private final Clock clock;
    private final NodeAllocatable node;

    public VolumeManager(Kernel kernel, Layout layout, Clock clock, NodeAllocatable node) {
        this.kernel = kernel;
        this.layout = layout;
        this.clock = clock;
        this.node = node;
    }

    public NodeAllocatable node() { return node; }

    /** A volume ready to bind: where it is on the host, and whether every mount of it is read-only. */
    public record Mounted(Path hostPath, boolean readOnly) {}

    /**
     * The first claim that is not bound, as a scheduler would report it (reason and message), or
     * null when every claim the pod mounts is bound.
     */
    public static ClaimBinding unboundClaim(List<VolumePlan> volumes, String namespace, dev.minipod.runtime.objects.ObjectSource objects) {
        for (VolumePlan v : volumes) {
            if (v instanceof VolumePlan.Claim c) {
                ClaimBinding b = objects.claim(namespace, c.claimName());
                if (b.state() != ClaimBinding.State.BOUND) return b;
            }
        }
        return null;
    }

    /**
     * Sets up every volume in spec order. A failure names the volume the kubelet's way:
     * {@code MountVolume.SetUp failed for volume "cfg" : configmap "cfg" not found} (reason FailedMount).
     */
    public Map<String, Mounted> setUp(String uid, List<VolumePlan> volumes, Payloads.Context ctx) {
        Map<String, Mounted> out = new LinkedHashMap<>();
        for (VolumePlan v : volumes) {
            try {
                out.put(v.name(), setUp(uid, v, ctx, fsGroup(ctx)));
            } catch (MinipodException | UncheckedIOException e) {
                throw new MinipodException(Payloads.FAILED_MOUNT, 1,
                        "MountVolume.SetUp failed for volume \"" + v.name() + "\" : " + e.getMessage(), e);
            }
        }
        return out;
    }

    /**
     * @param fsGroup the pod's fsGroup or null: emptyDir and projected volumes get its group (as the
     *                kubelet's SetVolumeOwnership; hostPath and claims are left as they are)
     */
    private Mounted setUp(String uid, VolumePlan v, Payloads.Context ctx, Long fsGroup) {
        if (v instanceof VolumePlan.EmptyDir e) {
            Path dir = layout.emptyDir(uid, e.name());
            mkdirs(dir);
            if (e.memory()) tmpfs(dir, e.sizeBytes());
            VolumeOwnership.createEmptyDir(dir, fsGroup); // 0777 whatever the umask, then fsGroup
            return new Mounted(dir, false);
        }
        if (v instanceof VolumePlan.HostPath h) {
            return new Mounted(HostPathVolume.setUp(h), false);
        }
        if (v instanceof VolumePlan.Projected p) {
            Path dir = layout.projectedVolume(uid, p.plugin(), p.name());
            mkdirs(dir);
            if (p.tmpfs()) tmpfs(dir, p.tmpfsBytes());
            writer(dir, fsGroup).write(Payloads.of(p, ctx));
            // the kubelet mounts these read-only into every container
            return new Mounted(dir, true);
        }
        VolumePlan.Claim c = (VolumePlan.Claim) v;
        ClaimBinding b = ctx.objects().claim(ctx.pod().getMetadata().getNamespace(), c.claimName());
        if (b.state() != ClaimBinding.State.BOUND) {
            throw new MinipodException(UNSCHEDULABLE, 1, b.message());
        }
        return new Mounted(b.hostPath(), c.readOnly() || b.readOnly());
    }

    /**
     * Rewrites the projected volumes from the objects as they are now (ConfigMap/Secret changes,
     * pod metadata). Returns the names of volumes whose files changed; a volume that cannot be
     * written now (its object deleted) keeps its last files, as on a kubelet.
     */
    public List<String> refresh(String uid, List<VolumePlan> volumes, Payloads.Context ctx) {
        List<String> changed = new java.util.ArrayList<>();
        for (VolumePlan v : volumes) {
            if (v instanceof VolumePlan.Projected p) {
                Path dir = layout.projectedVolume(uid, p.plugin(), p.name());
                if (!Files.isDirectory(dir)) continue;
                try {
                    if (writer(dir, fsGroup(ctx)).write(Payloads.of(p, ctx))) changed.add(p.name());
                } catch (MinipodException e) {
                    // keep the last good version
                }
            }
        }
        return changed;
    }

    /** Unmounts what setUp mounted (tmpfs); the dirs go with the pod's dirs. */
    public void tearDown(String uid, List<VolumePlan> volumes) {
        for (VolumePlan v : volumes) {
            Path dir = null;
            if (v instanceof VolumePlan.EmptyDir e && e.memory()) dir = layout.emptyDir(uid, e.name());
            if (v instanceof VolumePlan.Projected p && p.tmpfs()) dir = layout.projectedVolume(uid, p.plugin(), p.name());
            if (dir != null && MountInfo.isMountPoint(dir)) kernel.umount(dir, Kernel.MNT_DETACH);
        }
    }

    private void tmpfs(Path dir, long sizeBytes) {
        if (MountInfo.isMountPoint(dir)) return;
        kernel.mount("tmpfs", dir, "tmpfs", Kernel.MS_NOSUID | Kernel.MS_NODEV, "size=" + sizeBytes);
    }

    /** A projected volume's writer: each new version gets fsGroup (read-only bits) before it is swapped in. */
    private AtomicWriter writer(Path dir, Long fsGroup) {
        return fsGroup == null ? new AtomicWriter(dir, clock)
                : new AtomicWriter(dir, clock, version -> VolumeOwnership.apply(version, fsGroup, true));
    }

    private static Long fsGroup(Payloads.Context ctx) {
        var sc = ctx.pod().getSpec().getSecurityContext();
        return sc == null ? null : sc.getFsGroup();
    }

    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("mkdir `" + dir + "`", e);
        }
    }
}
