package dev.minipod.runtime.sandbox;

import java.util.List;

import dev.minipod.runtime.network.PortMapping;

/**
 * What the sandbox's network needs to know about the pod: its name for CNI_ARGS and its hostPorts;
 * with {@code hostNetwork} the pod stays in the host's network and UTS namespaces, no CNI, and its
 * IP is {@code hostIP}.
 */
public record NetworkRequest(String podName, String podNamespace, List<PortMapping> ports, boolean hostNetwork, String hostIP) {}
