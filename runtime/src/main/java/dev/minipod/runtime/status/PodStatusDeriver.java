package dev.minipod.runtime.status;

import dev.minipod.runtime.sync.ContainerRecord;
import dev.minipod.runtime.sync.PodPlanView;
import dev.minipod.runtime.sync.PodPlanView.ContainerView;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HostIP;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds the API {@link PodStatus} from the plan, the container records and pod facts, as kubelet
 * generateAPIPodStatus: container statuses in spec order, phase by {@link PhaseCalculator}, terminal
 * phases sticky, status reason/message kept while the phase is unchanged, conditions by
 * {@link PodConditions}. Pure: same inputs, same status.
 */
public final class PodStatusDeriver {

    private PodStatusDeriver() {
    }

    public static PodStatus derive(PodPlanView plan, List<ContainerRecord> records, PodFacts facts, Instant now) {
        Map<String, ContainerRecord> byName = new HashMap<>();
        for (ContainerRecord r : records) {
            byName.put(r.name(), r);
        }
        boolean hasInit = !plan.initContainers().isEmpty();
        List<ContainerStatus> init = convert(plan.initContainers(), byName, true, hasInit, plan.restartPolicy(), facts.probes());
        List<ContainerStatus> app = convert(plan.containers(), byName, false, hasInit, plan.restartPolicy(), facts.probes());

        PodStatus previous = facts.previous();
        String phase = PhaseCalculator.getPhase(plan.restartPolicy(), init, app, facts.terminal());
        if (previous != null && PhaseCalculator.isTerminal(previous.getPhase())) {
            phase = previous.getPhase();
        }

        PodStatus s = new PodStatus();
        s.setPhase(phase);
        if (previous != null && phase.equals(previous.getPhase())) {
            s.setReason(previous.getReason());
            s.setMessage(previous.getMessage());
        }
        s.setConditions(PodConditions.generate(init, app, phase, facts.sandboxReady(),
                previous == null ? List.of() : previous.getConditions(), now));
        s.setInitContainerStatuses(init);
        s.setContainerStatuses(app);
        s.setStartTime(Rfc3339.format(facts.startTime()));
        s.setQosClass(facts.qosClass());
        if (facts.hostIP() != null) {
            s.setHostIP(facts.hostIP());
            s.setHostIPs(new ArrayList<>(List.of(new HostIP(facts.hostIP()))));
        }
        if (facts.podIP() != null) {
            s.setPodIP(facts.podIP());
            s.setPodIPs(new ArrayList<>(List.of(new PodIP(facts.podIP()))));
        }
        return s;
    }

    private static List<ContainerStatus> convert(List<ContainerView> specs, Map<String, ContainerRecord> byName,
                                                 boolean init, boolean hasInit, String restartPolicy,
                                                 Map<String, PodFacts.ProbeView> probes) {
        return specs.stream()
                .map(c -> ContainerStatuses.convert(c, byName.get(c.name()), init, hasInit, restartPolicy, probes.get(c.name())))
                .collect(Collectors.toCollection(ArrayList::new));
    }
}
