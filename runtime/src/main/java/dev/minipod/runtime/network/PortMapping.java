package dev.minipod.runtime.network;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One hostPort of a pod, as the portmap plugin's {@code runtimeConfig.portMappings} entry.
 *
 * @param protocol lowercase, as CNI wants it: tcp, udp or sctp
 * @param hostIP the host address to bind, or "" for all of them
 */
public record PortMapping(int hostPort, int containerPort, String protocol, String hostIP) {

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hostPort", hostPort);
        m.put("containerPort", containerPort);
        m.put("protocol", protocol);
        if (!hostIP.isEmpty()) {
            m.put("hostIP", hostIP);
        }
        return m;
    }
}
