package dev.minipod.runtime.network;

import java.util.List;

/**
 * The per-pod side of a CNI call (libcni's RuntimeConf): who the sandbox is, where its netns is
 * pinned, and the capability arguments (only portMappings for now).
 */
public record CniRuntime(String containerId, String netns, String ifName, String podName, String podNamespace,
                         String podUid, List<PortMapping> portMappings) {

    public static final String IF_NAME = "eth0";

    /** CNI_ARGS as the kubelet's CRI runtimes pass them. */
    public String cniArgs() {
        return "IgnoreUnknown=1;K8S_POD_NAMESPACE=" + podNamespace + ";K8S_POD_NAME=" + podName
                + ";K8S_POD_INFRA_CONTAINER_ID=" + containerId + ";K8S_POD_UID=" + podUid;
    }
}
