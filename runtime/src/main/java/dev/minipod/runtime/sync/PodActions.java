package dev.minipod.runtime.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one sync of a pod must do, decided purely from the plan, the container records, the back-off
 * table (read only) and {@code now} — the kubelet's computePodActions plus its back-off check.
 *
 * <p>Kubelet order, first match wins:
 * <ol>
 *   <li>Deleting: {@code killAll}; nothing starts. {@code podTerminal} once nothing runs.</li>
 *   <li>Init containers (skipped once any app container was ever created), one at a time in spec
 *       order: a running one is waited for; exit 0 moves on; a not-yet-started one is started; a failed
 *       one is restarted (after back-off) under Always/OnFailure, or ends the pod under Never
 *       ({@code podTerminal}; no app container starts).</li>
 *   <li>App containers, all in spec order in the same sync: never-started ones start; exited ones
 *       restart when {@link RestartRules} says so and they are out of back-off, else they wait in
 *       {@code CrashLoopBackOff}.</li>
 *   <li>Nothing running, nothing to start, nothing waiting: {@code podTerminal}.</li>
 * </ol>
 *
 * <p>The worker then: kills everything if {@code killAll}; for each name in {@code start} (in order)
 * whose entry is in {@code restartedAfter}, calls {@code backoff.next(plan.backoffKey(name),
 * restartedAfter.get(name), now)} and {@code record.restarted()} before starting it; stores each
 * {@code waiting} entry with {@code record.waiting(w)}; syncs again at {@code nextWakeUp}; tears down
 * the sandbox and reports the terminal phase when {@code podTerminal}.
 *
 * @param start          containers to start now, in order
 * @param restartedAfter for restarts among {@code start}: the finishedAt of the instance being replaced
 * @param waiting        containers held back, with their Waiting (CrashLoopBackOff and message)
 * @param nextWakeUp     earliest back-off expiry among {@code waiting}
 * @param podTerminal    nothing runs and nothing will start again: the pod is done
 * @param killAll        stop every container and the sandbox (pod deletion)
 */
public record PodActions(List<String> start, Map<String, Instant> restartedAfter,
                         Map<String, ContainerRecord.Waiting> waiting, Optional<Instant> nextWakeUp,
                         boolean podTerminal, boolean killAll) {

    public PodActions {
        start = List.copyOf(start);
        restartedAfter = Map.copyOf(restartedAfter);
        waiting = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(waiting));
    }

    public static PodActions compute(PodPlanView plan, List<ContainerRecord> records, Backoff backoff,
                                     boolean deleting, Instant now) {
        Map<String, ContainerRecord> byName = new LinkedHashMap<>();
        for (ContainerRecord r : records) {
            byName.put(r.name(), r);
        }
        if (deleting) {
            boolean anyRunning = records.stream().anyMatch(ContainerRecord::isRunning);
            return new PodActions(List.of(), Map.of(), Map.of(), Optional.empty(), !anyRunning, true);
        }
        Decision d = new Decision(plan, backoff, now);
        if (!initialized(plan, byName) && !d.initStep(byName)) {
            return d.result();
        }
        d.appStep(byName);
        return d.result();
    }

    /** Kubelet does not re-run init containers once an app container has been created. */
    private static boolean initialized(PodPlanView plan, Map<String, ContainerRecord> byName) {
        return plan.containerNames().stream()
                .map(byName::get)
                .anyMatch(r -> r != null && r.everCreated());
    }

    /** Mutable scratch space of one compute call. */
    private static final class Decision {
        private final PodPlanView plan;
        private final Backoff backoff;
        private final Instant now;
        private final List<String> start = new ArrayList<>();
        private final Map<String, Instant> restartedAfter = new LinkedHashMap<>();
        private final Map<String, ContainerRecord.Waiting> waiting = new LinkedHashMap<>();
        private Instant wakeUp;
        private boolean terminal;

        Decision(PodPlanView plan, Backoff backoff, Instant now) {
            this.plan = plan;
            this.backoff = backoff;
            this.now = now;
        }

        /** Returns true when every init container has exited 0 and app containers may start. */
        boolean initStep(Map<String, ContainerRecord> byName) {
            for (String name : plan.initContainerNames()) {
                ContainerRecord r = byName.getOrDefault(name, ContainerRecord.fresh(name, true));
                if (r.isRunning()) {
                    return false;
                }
                if (r.awaitingStart()) {
                    start.add(name);
                    return false;
                }
                ContainerRecord.Terminated t = r.current();
                if (t.succeeded()) {
                    continue;
                }
                if (RestartRules.shouldRestart(plan.restartPolicy(), true, t)) {
                    restartOrWait(name, t);
                } else {
                    terminal = true;
                }
                return false;
            }
            return true;
        }

        void appStep(Map<String, ContainerRecord> byName) {
            boolean anyRunning = false;
            for (String name : plan.containerNames()) {
                ContainerRecord r = byName.getOrDefault(name, ContainerRecord.fresh(name, false));
                if (r.isRunning()) {
                    anyRunning = true;
                } else if (r.awaitingStart()) {
                    start.add(name);
                } else if (RestartRules.shouldRestart(plan.restartPolicy(), false, r.current())) {
                    restartOrWait(name, r.current());
                }
            }
            terminal = !anyRunning && start.isEmpty() && waiting.isEmpty();
        }

        private void restartOrWait(String name, ContainerRecord.Terminated t) {
            String key = plan.backoffKey(name);
            if (backoff.inBackoff(key, t.finishedAt(), now)) {
                var delay = backoff.delay(key);
                waiting.put(name, new ContainerRecord.Waiting(ContainerRecord.CRASH_LOOP_BACK_OFF,
                        Backoff.message(delay, name, plan.name(), plan.namespace(), plan.uid())));
                Instant expiry = t.finishedAt().plus(delay);
                if (wakeUp == null || expiry.isBefore(wakeUp)) {
                    wakeUp = expiry;
                }
            } else {
                start.add(name);
                restartedAfter.put(name, t.finishedAt());
            }
        }

        PodActions result() {
            return new PodActions(start, restartedAfter, waiting, Optional.ofNullable(wakeUp), terminal, false);
        }
    }
}
