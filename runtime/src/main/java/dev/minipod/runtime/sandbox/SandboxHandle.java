package dev.minipod.runtime.sandbox;

import java.util.List;

/**
 * A live infra sandbox: the pause process, where its namespaces are pinned (by the pod uid) and
 * the pod's IPs (kept here so a restarted daemon reports them without a new CNI ADD).
 */
public record SandboxHandle(String podUid, int pausePid, long pauseStartTime, List<String> podIPs) {
    public SandboxHandle {
        podIPs = podIPs == null ? List.of() : List.copyOf(podIPs);
    }

    /** The primary pod IP, or null without a pod network. */
    public String podIP() {
        return podIPs.isEmpty() ? null : podIPs.get(0);
    }
}
