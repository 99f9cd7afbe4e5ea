package dev.minipod.runtime.network;

import java.util.List;

/**
 * The scheduler's NodePorts rule (pure): two pods clash when they ask for the same hostPort and
 * protocol on the same host IP, an unset or 0.0.0.0 host IP meaning every address.
 */
public final class HostPorts {
    /** The scheduler's FailedScheduling message for a single-node cluster whose node lacks the ports. */
    public static final String UNSCHEDULABLE_MESSAGE = "0/1 nodes are available: 1 node(s) didn't have free ports for the "
            + "requested pod ports. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.";

    private HostPorts() {}

    public static boolean clash(List<PortMapping> wanted, List<PortMapping> used) {
        for (PortMapping w : wanted) {
            for (PortMapping u : used) {
                if (w.hostPort() == u.hostPort() && w.protocol().equals(u.protocol())
                        && (any(w.hostIP()) || any(u.hostIP()) || w.hostIP().equals(u.hostIP()))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean any(String ip) {
        return ip.isEmpty() || ip.equals("0.0.0.0");
    }
}
