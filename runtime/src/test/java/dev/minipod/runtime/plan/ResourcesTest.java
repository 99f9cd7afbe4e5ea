package dev.minipod.runtime.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.minipod.runtime.spec.ManifestLoader;
import dev.minipod.runtime.spec.PodDefaults;
import io.fabric8.kubernetes.api.model.Pod;

/** Resource planning: effective requests/limits, the kubelet's conversions, QoS and oom_score_adj. */
class ResourcesTest {
    static Pod pod(String containers) {
        return PodDefaults.apply(ManifestLoader.loadPod("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n" + containers));
    }

    static ContainerResources res(String resources) {
        return ContainerResources.of(pod("  - name: a\n    image: busybox\n    resources:\n" + resources).getSpec().getContainers().get(0));
    }

    static ContainerResources r(Long cpuReq, Long cpuLim, Long memReq, Long memLim) {
        return new ContainerResources(cpuReq, cpuLim, memReq, memLim);
    }

    @Test
    void quantitiesBecomeMillicoresAndBytesRoundedUp() {
        assertThat(res("      limits:\n        cpu: 500m\n        memory: 100Mi\n")).isEqualTo(r(500L, 500L, 104857600L, 104857600L));
        assertThat(res("      requests:\n        cpu: '0.25'\n        memory: 1G\n")).isEqualTo(r(250L, null, 1_000_000_000L, null));
        assertThat(res("      requests:\n        cpu: 1e3\n        memory: 0.5Ki\n")).isEqualTo(r(1_000_000L, null, 512L, null));
        assertThat(res("      requests:\n        cpu: 1n\n        memory: 1m\n")).isEqualTo(r(1L, null, 1L, null));
        assertThat(ContainerResources.of(pod("  - name: a\n    image: busybox\n").getSpec().getContainers().get(0))).isEqualTo(ContainerResources.NONE);
    }

    @Test
    void limitsWithoutRequestsDefaultTheRequests() {
        assertThat(res("      limits:\n        cpu: 2\n      requests:\n        memory: 10Mi\n")).isEqualTo(r(2000L, 2000L, 10485760L, null));
    }

    @Test
    void kubeletCpuConversions() {
        assertThat(CgroupLimits.milliCpuToShares(0)).isEqualTo(2);
        assertThat(CgroupLimits.milliCpuToShares(1)).isEqualTo(2);
        assertThat(CgroupLimits.milliCpuToShares(100)).isEqualTo(102);
        assertThat(CgroupLimits.milliCpuToShares(1000)).isEqualTo(1024);
        assertThat(CgroupLimits.milliCpuToShares(1_000_000)).isEqualTo(262144);
        assertThat(CgroupLimits.milliCpuToQuota(0, 100_000)).isEqualTo(-1);
        assertThat(CgroupLimits.milliCpuToQuota(5, 100_000)).isEqualTo(1000);
        assertThat(CgroupLimits.milliCpuToQuota(250, 100_000)).isEqualTo(25_000);
        assertThat(CgroupLimits.milliCpuToQuota(1500, 100_000)).isEqualTo(150_000);
        assertThat(CgroupLimits.sharesToWeight(2)).isEqualTo(1);
        assertThat(CgroupLimits.sharesToWeight(1024)).isEqualTo(39);
        assertThat(CgroupLimits.sharesToWeight(262144)).isEqualTo(10000);
    }

    @Test
    void containerLimits() {
        assertThat(CgroupLimits.forContainer(r(250L, 500L, 1L << 20, 64L << 20)))
                .isEqualTo(new CgroupLimits(256, 50_000, 100_000, 64L << 20, -1));
        assertThat(CgroupLimits.forContainer(ContainerResources.NONE)).isEqualTo(new CgroupLimits(2, -1, 100_000, -1, -1));
        // an explicit zero request with a limit takes its shares from the limit
        assertThat(CgroupLimits.forContainer(r(0L, 1000L, null, null)).cpuShares()).isEqualTo(1024);
    }

    @Test
    void podLimitsSumAppContainersAndTakeTheLargestInitContainer() {
        List<ContainerResources> app = List.of(r(100L, 200L, 10L, 20L), r(300L, 400L, 30L, 40L));
        assertThat(CgroupLimits.forPod(QosClass.BURSTABLE, List.of(r(1000L, 1000L, 5L, 5L)), app, 1024))
                .isEqualTo(new CgroupLimits(1024, 100_000, 100_000, 60, 1024));
        assertThat(CgroupLimits.forPod(QosClass.BURSTABLE, List.of(), app, -1))
                .isEqualTo(new CgroupLimits(409, 60_000, 100_000, 60, -1));
        // one container without a memory limit: the pod has none; same for cpu
        assertThat(CgroupLimits.forPod(QosClass.BURSTABLE, List.of(), List.of(r(100L, 200L, 10L, null), r(100L, null, 10L, 20L)), -1))
                .isEqualTo(new CgroupLimits(204, -1, 100_000, -1, -1));
        assertThat(CgroupLimits.forPod(QosClass.BEST_EFFORT, List.of(), List.of(ContainerResources.NONE), 50))
                .isEqualTo(new CgroupLimits(2, -1, 100_000, -1, 50));
    }

    @Test
    void qosClassByTheKubernetesRules() {
        assertThat(QosClass.of(List.of(ContainerResources.NONE))).isEqualTo("BestEffort");
        assertThat(QosClass.of(List.of(r(0L, null, 0L, null)))).isEqualTo("BestEffort");
        assertThat(QosClass.of(List.of(r(1000L, 1000L, 100L, 100L), r(500L, 500L, 5L, 5L)))).isEqualTo("Guaranteed");
        assertThat(QosClass.of(List.of(r(1000L, 1000L, 100L, 100L), ContainerResources.NONE))).isEqualTo("Burstable");
        assertThat(QosClass.of(List.of(r(500L, 1000L, 100L, 100L)))).isEqualTo("Burstable");
        assertThat(QosClass.of(List.of(r(1000L, 1000L, null, null)))).isEqualTo("Burstable");
        assertThat(QosClass.of(List.of(r(null, null, 10L, null)))).isEqualTo("Burstable");
    }

    @Test
    void qosClassComesFromTheSpecIncludingInitContainers() {
        Pod p = pod("  - name: a\n    image: busybox\n    resources:\n      limits:\n        cpu: 1\n        memory: 1Gi\n");
        assertThat(PodPlanner.qosClass(p.getSpec())).isEqualTo("Guaranteed");
        p = PodDefaults.apply(ManifestLoader.loadPod("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n"
                + "  initContainers:\n  - name: i\n    image: busybox\n"
                + "  containers:\n  - name: a\n    image: busybox\n    resources:\n      limits:\n        cpu: 1\n        memory: 1Gi\n"));
        assertThat(PodPlanner.qosClass(p.getSpec())).isEqualTo("Burstable");
    }

    @Test
    void oomScoreAdjustLikeTheKubelet() {
        long gi = 1L << 30;
        assertThat(OomScore.adjust("Guaranteed", r(1000L, 1000L, gi, gi), 16 * gi)).isEqualTo(-997);
        assertThat(OomScore.adjust("BestEffort", ContainerResources.NONE, 16 * gi)).isEqualTo(1000);
        assertThat(OomScore.adjust("Burstable", r(null, null, 4 * gi, null), 16 * gi)).isEqualTo(750);
        assertThat(OomScore.adjust("Burstable", r(null, null, 16 * gi, null), 16 * gi)).isEqualTo(3);
        assertThat(OomScore.adjust("Burstable", r(null, null, 64 * gi, null), 16 * gi)).isEqualTo(3);
        assertThat(OomScore.adjust("Burstable", r(100L, null, null, null), 16 * gi)).isEqualTo(999);
        assertThat(OomScore.adjust("Burstable", r(null, null, Long.MAX_VALUE, null), 16 * gi)).isEqualTo(3);
    }
}
