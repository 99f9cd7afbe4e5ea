package dev.minipod.runtime.daemon;

import dev.minipod.runtime.plan.EnvExpander;
import io.fabric8.kubernetes.api.model.Pod;

/** Downward-API values for env fieldRefs of one pod (the subset this walking skeleton serves). */
record PodFieldValues(Pod pod, String hostIP) implements EnvExpander.FieldResolver {
    @Override
    public String resolve(String fieldPath) {
        return switch (fieldPath) {
            case "metadata.name" -> pod.getMetadata().getName();
            case "metadata.namespace" -> pod.getMetadata().getNamespace();
            case "metadata.uid" -> pod.getMetadata().getUid();
            case "spec.nodeName" -> pod.getSpec().getNodeName();
            case "spec.serviceAccountName" -> pod.getSpec().getServiceAccountName();
            case "status.hostIP" -> hostIP;
            // known once the sandbox is on the network: the worker plans again with them
            case "status.podIP" -> pod.getStatus() == null || pod.getStatus().getPodIP() == null ? "" : pod.getStatus().getPodIP();
            case "status.podIPs" -> pod.getStatus() == null || pod.getStatus().getPodIPs() == null ? ""
                    : String.join(",", pod.getStatus().getPodIPs().stream().map(io.fabric8.kubernetes.api.model.PodIP::getIp).toList());
            default -> null;
        };
    }
}
