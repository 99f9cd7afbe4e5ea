package dev.minipod.runtime.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.minipod.runtime.MinipodException;
import dev.minipod.runtime.objects.ClaimBinding;
import dev.minipod.runtime.plan.PodFields;
import dev.minipod.runtime.plan.PodPlan;
import dev.minipod.runtime.status.EventLog;
import dev.minipod.runtime.status.Rfc3339;
import dev.minipod.runtime.volume.Payloads;
import dev.minipod.runtime.volume.VolumeManager;
import dev.minipod.runtime.volume.VolumePlan;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;

/**
 * What stands between a pod and its sandbox, for its worker thread: its claims must be bound (the
 * scheduler's part) and its volumes set up (the kubelet waits for them before the sandbox). Keeps
 * the volumes' host paths for container starts and rewrites projected files on object changes.
 */
final class PodVolumes {
    private static final Logger LOG = LoggerFactory.getLogger(PodVolumes.class);

    private final Node node;
    private final PodPlan plan;
    private final List<VolumePlan> volumes;
    private boolean scheduled;
    private ClaimBinding unscheduled;
    private Map<String, VolumeManager.Mounted> mounted;
    private String mountError;

    /** @param scheduled an adopted pod was scheduled by an earlier daemon */
    PodVolumes(Node node, PodPlan plan, List<VolumePlan> volumes, boolean scheduled) {
        this.node = node;
        this.plan = plan;
        this.volumes = volumes;
        this.scheduled = scheduled;
    }

    /**
     * A pod whose claims are not all bound is not scheduled yet: it stays Pending with PodScheduled
     * False and the binding's reason and message (a FailedScheduling event), and is looked at again
     * when a claim changes. Once bound: the Scheduled event.
     */
    boolean ensureScheduled(Pod pod) {
        if (scheduled) {
            return true;
        }
        ClaimBinding b = VolumeManager.unboundClaim(volumes, plan.namespace(), node.objects());
        if (b != null) {
            if (unscheduled == null || !unscheduled.message().equals(b.message())) {
                node.events().record(pod, null, EventLog.WARNING, "FailedScheduling", b.message(), "default-scheduler");
            }
            unscheduled = b;
            return false;
        }
        unscheduled = null;
        scheduled = true;
        node.events().record(pod, null, EventLog.NORMAL, "Scheduled",
                "Successfully assigned " + plan.namespace() + "/" + plan.name() + " to " + node.nodeName(), "default-scheduler");
        return true;
    }

    /** Sets the volumes up once; a failure is a FailedMount event (once per message) and a retry later. */
    boolean ensureMounted(Pod pod) {
        if (mounted != null) {
            return true;
        }
        try {
            mounted = node.volumes().setUp(plan.uid(), volumes, context(pod));
            mountError = null;
            return true;
        } catch (MinipodException | java.io.UncheckedIOException e) {
            if (!e.getMessage().equals(mountError)) {
                node.events().record(pod, null, EventLog.WARNING, "FailedMount", e.getMessage(), "kubelet");
            }
            mountError = e.getMessage();
            LOG.warn("event=volume-setup-failed pod={}/{} error={}", plan.namespace(), plan.name(), mountError);
            return false;
        }
    }

    /** The volumes by name, as containers bind them (null before {@link #ensureMounted}). */
    Map<String, VolumeManager.Mounted> mounted() {
        return mounted;
    }

    /** Rewrites projected files from the objects and pod metadata as they are now. */
    void refresh(Pod pod) {
        if (mounted == null) {
            return;
        }
        List<String> changed = node.volumes().refresh(plan.uid(), volumes, context(pod));
        if (!changed.isEmpty()) {
            LOG.info("event=volumes-updated pod={}/{} volumes={}", plan.namespace(), plan.name(), changed);
        }
    }

    void tearDown() {
        node.volumes().tearDown(plan.uid(), volumes);
    }

    boolean unscheduled() {
        return unscheduled != null;
    }

    /** What the scheduler reports for a pod it cannot place: Pending, PodScheduled False, nothing else. */
    PodStatus unschedulableStatus(PodStatus previous, Instant now) {
        PodCondition old = previous == null || previous.getConditions() == null ? null
                : previous.getConditions().stream().filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()))
                        .findFirst().orElse(null);
        PodStatus s = new PodStatus();
        s.setPhase("Pending");
        s.setQosClass("BestEffort");
        s.setConditions(new ArrayList<>(List.of(new PodConditionBuilder()
                .withType("PodScheduled").withStatus("False").withReason(unscheduled.reason()).withMessage(unscheduled.message())
                .withLastTransitionTime(old != null ? old.getLastTransitionTime() : Rfc3339.format(now)).build())));
        return s;
    }

    private Payloads.Context context(Pod pod) {
        return new Payloads.Context(pod, node.objects(), new PodFields(pod, node.hostIP(), List.of()), node.volumes().node());
    }
}
