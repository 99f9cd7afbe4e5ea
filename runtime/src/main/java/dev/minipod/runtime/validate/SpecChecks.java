package dev.minipod.runtime.validate;

import static dev.minipod.runtime.validate.Paths.empty;
import static dev.minipod.runtime.validate.Paths.list;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Pod-level spec fields. */
final class SpecChecks {
    private SpecChecks() {}

    static final List<String> RESTART_POLICIES = List.of("Always", "OnFailure", "Never");
    static final List<String> DNS_POLICIES = List.of("ClusterFirst", "ClusterFirstWithHostNet", "Default", "None");

    static void containersRequired(Pod pod, List<FieldError> out) {
        if (list(pod.getSpec().getContainers()).isEmpty()) out.add(FieldError.required("spec.containers", ""));
    }

    /** hostPort/protocol/hostIP triples are unique across the app containers. */
    static void hostPortConflicts(Pod pod, List<FieldError> out) {
        Set<String> seen = new HashSet<>();
        List<Container> cs = list(pod.getSpec().getContainers());
        for (int i = 0; i < cs.size(); i++) {
            List<ContainerPort> ports = list(cs.get(i).getPorts());
            for (int j = 0; j < ports.size(); j++) {
                ContainerPort p = ports.get(j);
                int hp = p.getHostPort() == null ? 0 : p.getHostPort();
                if (hp == 0) continue;
                String key = Paths.str(p.getProtocol()) + "/" + Paths.str(p.getHostIP()) + "/" + hp;
                if (!seen.add(key)) {
                    out.add(FieldError.duplicate("spec.containers[" + i + "].ports[" + j + "].hostPort", key));
                }
            }
        }
    }

    /** With hostNetwork every hostPort must equal its containerPort. */
    static void hostNetworkPorts(Pod pod, List<FieldError> out) {
        if (!Boolean.TRUE.equals(pod.getSpec().getHostNetwork())) return;
        hostNetworkPorts(list(pod.getSpec().getContainers()), "spec.containers", out);
        hostNetworkPorts(list(pod.getSpec().getInitContainers()), "spec.initContainers", out);
    }

    private static void hostNetworkPorts(List<Container> cs, String base, List<FieldError> out) {
        for (int i = 0; i < cs.size(); i++) {
            List<ContainerPort> ports = list(cs.get(i).getPorts());
            for (int j = 0; j < ports.size(); j++) {
                ContainerPort p = ports.get(j);
                int hp = p.getHostPort() == null ? 0 : p.getHostPort();
                int cp = p.getContainerPort() == null ? 0 : p.getContainerPort();
                if (hp != cp) {
                    out.add(FieldError.invalid(base + "[" + i + "].ports[" + j + "].hostPort", hp,
                            "must match `containerPort` when `hostNetwork` is true"));
                }
            }
        }
    }

    static void restartPolicy(Pod pod, List<FieldError> out) {
        String p = pod.getSpec().getRestartPolicy();
        if (empty(p)) out.add(FieldError.required("spec.restartPolicy", ""));
        else if (!RESTART_POLICIES.contains(p)) out.add(FieldError.unsupported("spec.restartPolicy", p, RESTART_POLICIES));
    }

    static void dnsPolicy(Pod pod, List<FieldError> out) {
        PodSpec s = pod.getSpec();
        String p = s.getDnsPolicy();
        if (empty(p)) {
            out.add(FieldError.required("spec.dnsPolicy", ""));
        } else if (!DNS_POLICIES.contains(p)) {
            out.add(FieldError.unsupported("spec.dnsPolicy", p, DNS_POLICIES));
        } else if (p.equals("None")) {
            if (s.getDnsConfig() == null) {
                out.add(FieldError.required("spec.dnsConfig", "must provide `dnsConfig` when `dnsPolicy` is None"));
            } else if (list(s.getDnsConfig().getNameservers()).isEmpty()) {
                out.add(FieldError.required("spec.dnsConfig.nameservers",
                        "must provide at least one DNS nameserver when `dnsPolicy` is None"));
            }
        }
    }

    static void activeDeadlineSeconds(Pod pod, List<FieldError> out) {
        Long v = pod.getSpec().getActiveDeadlineSeconds();
        if (v != null && (v < 1 || v > Integer.MAX_VALUE)) {
            out.add(FieldError.invalid("spec.activeDeadlineSeconds", v, "must be between 1 and 2147483647, inclusive"));
        }
    }

    static void terminationGracePeriodSeconds(Pod pod, List<FieldError> out) {
        Paths.nonNegative(out, "spec.terminationGracePeriodSeconds", pod.getSpec().getTerminationGracePeriodSeconds());
    }

    /** Pods (not templates) may not have images with surrounding whitespace; checked after the spec. */
    static void imageWhitespace(Pod pod, List<FieldError> out) {
        imageWhitespace(list(pod.getSpec().getContainers()), "spec.containers", out);
        imageWhitespace(list(pod.getSpec().getInitContainers()), "spec.initContainers", out);
    }

    private static void imageWhitespace(List<Container> cs, String base, List<FieldError> out) {
        for (int i = 0; i < cs.size(); i++) {
            String image = Paths.str(cs.get(i).getImage());
            if (!image.equals(image.strip())) {
                out.add(FieldError.invalid(base + "[" + i + "].image", image, "must not have leading or trailing whitespace"));
            }
        }
    }
}
