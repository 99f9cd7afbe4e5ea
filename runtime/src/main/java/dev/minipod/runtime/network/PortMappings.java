package dev.minipod.runtime.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSpec;

/** The pod's hostPorts as portmap entries (kubelet's MakePortMappings over the app containers; pure). */
public final class PortMappings {
    private PortMappings() {}

    public static List<PortMapping> of(PodSpec spec) {
        List<PortMapping> out = new ArrayList<>();
        for (Container c : spec.getContainers()) {
            if (c.getPorts() == null) {
                continue;
            }
            for (ContainerPort p : c.getPorts()) {
                if (p.getHostPort() == null || p.getHostPort() <= 0) {
                    continue;
                }
                String protocol = p.getProtocol() == null ? "tcp" : p.getProtocol().toLowerCase(Locale.ROOT);
                out.add(new PortMapping(p.getHostPort(), p.getContainerPort(), protocol, p.getHostIP() == null ? "" : p.getHostIP()));
            }
        }
        return List.copyOf(out);
    }
}
