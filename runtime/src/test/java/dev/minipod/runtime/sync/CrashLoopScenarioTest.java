package dev.minipod.runtime.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minipod.runtime.sync.ContainerRecord.Terminated;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The worker protocol of {@link PodActions} driven by a fake clock, after the node e2e
 * "should cap back-off at MaxContainerBackOff" and "should have monotonically increasing restart count".
 */
class CrashLoopScenarioTest {

    @Test
    void crashingContainerBacksOffDoublingToCap() {
        PodPlanView plan = PodPlanView.ofNames("web", "default", "uid-1", "Always", List.of(), List.of("app"));
        Backoff backoff = Backoff.kubeletDefaults();
        Instant now = Instant.parse("2026-11-23T06:00:00Z");
        ContainerRecord rec = ContainerRecord.fresh("app", false);
        List<String> messages = new ArrayList<>();
        List<Integer> restartCounts = new ArrayList<>();
        int instance = 0;

        while (restartCounts.size() < 9) {
            PodActions a = PodActions.compute(plan, List.of(rec), backoff, false, now);
            if (a.start().contains("app")) {
                Instant after = a.restartedAfter().get("app");
                if (after != null) {
                    backoff.next(plan.backoffKey("app"), after, now);
                    rec = rec.restarted();
                }
                String id = "c" + instance++;
                rec = rec.started(id, now, 100 + instance);
                restartCounts.add(rec.restartCount());
                now = now.plusSeconds(1);
                rec = rec.exited(Terminated.exit(1, 0, now.minusSeconds(1), now, id));
            } else {
                assertThat(a.podTerminal()).isFalse();
                rec = rec.waiting(a.waiting().get("app"));
                messages.add(rec.waiting().message());
                now = a.nextWakeUp().orElseThrow();
            }
        }

        assertThat(restartCounts).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8); // first exit restarts at once
        assertThat(messages).extracting(m -> m.substring("back-off ".length(), m.indexOf(' ', 9))).containsExactly(
                "10s", "20s", "40s", "1m20s", "2m40s", "5m0s", "5m0s");
        assertThat(messages.get(0)).isEqualTo("back-off 10s restarting failed container=app pod=web_default(uid-1)");
    }
}
