package dev.minipod.runtime.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minipod.runtime.sync.ContainerRecord;
import dev.minipod.runtime.sync.ContainerRecord.Terminated;
import dev.minipod.runtime.sync.PodPlanView;
import dev.minipod.runtime.sync.PodPlanView.ContainerView;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The serialized shape matches what a kubelet reports for a crash-looping container. */
class PodStatusJsonTest {

    @Test
    void crashLoopingContainerStatusJson() throws Exception {
        Instant t0 = Instant.parse("2026-11-23T06:31:44Z");
        var plan = new PodPlanView("web", "default", "uid-1", "Always", List.of(),
                List.of(new ContainerView("app", "busybox:1.36", "sha256:abc", false, false)));
        var rec = ContainerRecord.fresh("app", false).started("c1", t0, 7)
                .exited(Terminated.exit(2, 0, t0, t0.plusSeconds(1), "c1"))
                .waiting(new ContainerRecord.Waiting("CrashLoopBackOff",
                        "back-off 10s restarting failed container=app pod=web_default(uid-1)"));
        var status = PodStatusDeriver.derive(plan, List.of(rec),
                new PodFacts(t0, "10.88.0.5", "192.168.1.10", "BestEffort", true, false, null), t0.plusSeconds(2));
        String json = new ObjectMapper().writeValueAsString(status.getContainerStatuses().get(0));
        assertThat(json).isEqualTo("{\"containerID\":\"minipod://c1\",\"image\":\"busybox:1.36\","
                + "\"imageID\":\"sha256:abc\",\"lastState\":{\"terminated\":{\"containerID\":\"minipod://c1\","
                + "\"exitCode\":2,\"finishedAt\":\"2026-11-23T06:31:45Z\",\"reason\":\"Error\","
                + "\"startedAt\":\"2026-11-23T06:31:44Z\"}},\"name\":\"app\",\"ready\":false,\"restartCount\":0,"
                + "\"started\":false,\"state\":{\"waiting\":{\"message\":\"back-off 10s restarting failed "
                + "container=app pod=web_default(uid-1)\",\"reason\":\"CrashLoopBackOff\"}}}");
    }
}
