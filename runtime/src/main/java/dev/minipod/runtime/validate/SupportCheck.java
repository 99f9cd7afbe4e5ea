package dev.minipod.runtime.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minipod.runtime.spec.PodJson;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Refuses fields that are valid Kubernetes but not implemented yet, instead of ignoring them:
 * {@code <path>: Forbidden: not supported yet by minipod}. Run on the submitted pod after
 * defaulting and validation, before the server fills in metadata (uid, creationTimestamp...),
 * which this check would otherwise refuse.
 *
 * <p>The whole policy is the {@link #RULES} table below: a path (list indices written
 * {@code [*]}) either {@code descend}s (look at its children) or is {@code allow}ed, optionally
 * only for some values. Anything not in the table is refused unless it holds a default-like value
 * ({@code false}, {@code ""}, {@code []}). When a feature lands, add its path here.
 */
public final class SupportCheck {
    private SupportCheck() {}

    public static final String NOT_SUPPORTED = "not supported yet by minipod";

    /** Env fieldRef paths the planner can resolve today (labels['k'] and annotations['k'] too). */
    static final Set<String> FIELD_REFS = Set.of("metadata.name", "metadata.namespace", "metadata.uid",
            "spec.nodeName", "spec.serviceAccountName", "status.podIP", "status.podIPs", "status.hostIP", "status.hostIPs");
    /** downwardAPI volume fieldRef paths (whole label/annotation maps, subscripts too). */
    static final Set<String> VOLUME_FIELD_REFS = Set.of("metadata.name", "metadata.namespace", "metadata.uid",
            "metadata.labels", "metadata.annotations");
    static final Set<String> RESOURCE_FIELDS = Set.of("limits.cpu", "limits.memory", "requests.cpu", "requests.memory");

    private static boolean fieldRef(JsonNode n, Set<String> plain) {
        if (!n.isTextual()) return false;
        String p = n.asText();
        return plain.contains(p) || ((p.startsWith("metadata.labels['") || p.startsWith("metadata.annotations['")) && p.endsWith("']"));
    }

    private record Rule(boolean descend, Predicate<JsonNode> when) {}

    private static final Predicate<JsonNode> ANY = n -> true;
    private static final Predicate<JsonNode> EMPTY_OBJECT = n -> n.isObject() && n.isEmpty();

    private static Predicate<JsonNode> oneOf(String... values) {
        Set<String> s = Set.of(values);
        return n -> n.isTextual() && s.contains(n.asText());
    }

    static final Map<String, Rule> RULES = new LinkedHashMap<>();

    private static void descend(String path) { RULES.put(path, new Rule(true, ANY)); }

    private static void allow(String path) { RULES.put(path, new Rule(false, ANY)); }

    private static void allow(String path, Predicate<JsonNode> when) { RULES.put(path, new Rule(false, when)); }

    static {
        allow("apiVersion");
        allow("kind");
        allow("status"); // set by minipod, never by the user; the API drops it on create
        descend("metadata");
        allow("metadata.name");
        allow("metadata.namespace");
        allow("metadata.labels");
        allow("metadata.annotations");

        descend("spec");
        allow("spec.restartPolicy");
        allow("spec.terminationGracePeriodSeconds");
        allow("spec.shareProcessNamespace");
        allow("spec.hostAliases");
        allow("spec.hostname");
        allow("spec.subdomain"); // the FQDN line of /etc/hosts (pod network)
        allow("spec.hostNetwork");
        allow("spec.activeDeadlineSeconds");
        allow("spec.nodeName");
        allow("spec.schedulerName");
        allow("spec.dnsPolicy"); // resolv.conf by the kubelet's rules (sandbox/PodDns), all four policies
        allow("spec.dnsConfig");
        allow("spec.enableServiceLinks");
        securityContext();
        allow("spec.serviceAccountName", oneOf("default"));
        allow("spec.serviceAccount", oneOf("default"));

        descend("spec.volumes");
        descend("spec.volumes[*]");
        allow("spec.volumes[*].name");
        descend("spec.volumes[*].emptyDir");
        allow("spec.volumes[*].emptyDir.medium", oneOf("", "Memory"));
        // volumes (issue 4): emptyDir on tmpfs, hostPath, configMap, secret, downwardAPI, projected, claims
        allow("spec.volumes[*].emptyDir.sizeLimit");
        allow("spec.volumes[*].hostPath");
        allow("spec.volumes[*].configMap");
        allow("spec.volumes[*].secret");
        allow("spec.volumes[*].persistentVolumeClaim");
        for (String dapi : List.of("spec.volumes[*].downwardAPI", "spec.volumes[*].projected.sources[*].downwardAPI")) {
            descend(dapi);
            allow(dapi + ".defaultMode");
            descend(dapi + ".items");
            descend(dapi + ".items[*]");
            allow(dapi + ".items[*].path");
            allow(dapi + ".items[*].mode");
            descend(dapi + ".items[*].fieldRef");
            allow(dapi + ".items[*].fieldRef.apiVersion", oneOf("v1"));
            allow(dapi + ".items[*].fieldRef.fieldPath", n -> fieldRef(n, VOLUME_FIELD_REFS));
            descend(dapi + ".items[*].resourceFieldRef");
            allow(dapi + ".items[*].resourceFieldRef.containerName");
            allow(dapi + ".items[*].resourceFieldRef.resource", n -> n.isTextual() && RESOURCE_FIELDS.contains(n.asText()));
            allow(dapi + ".items[*].resourceFieldRef.divisor");
        }
        descend("spec.volumes[*].projected");
        allow("spec.volumes[*].projected.defaultMode");
        descend("spec.volumes[*].projected.sources");
        descend("spec.volumes[*].projected.sources[*]");
        allow("spec.volumes[*].projected.sources[*].configMap");
        allow("spec.volumes[*].projected.sources[*].secret");

        for (String c : List.of("spec.containers", "spec.initContainers")) {
            descend(c);
            descend(c + "[*]");
            for (String f : List.of("name", "image", "command", "args", "workingDir", "imagePullPolicy")) {
                allow(c + "[*]." + f);
            }
            allow(c + "[*].terminationMessagePath");
            // probes: exec, httpGet (HTTP) and tcpSocket; grpc comes later
            for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                String p = c + "[*]." + probe;
                descend(p);
                for (String f : List.of("exec", "tcpSocket", "initialDelaySeconds", "timeoutSeconds", "periodSeconds",
                        "successThreshold", "failureThreshold", "terminationGracePeriodSeconds")) {
                    allow(p + "." + f);
                }
                descend(p + ".httpGet");
                for (String f : List.of("path", "port", "host", "httpHeaders")) {
                    allow(p + ".httpGet." + f);
                }
                allow(p + ".httpGet.scheme", oneOf("HTTP"));
            }
            // lifecycle hooks: exec and sleep (httpGet hooks come with the HTTP prober)
            descend(c + "[*].lifecycle");
            for (String hook : List.of("postStart", "preStop")) {
                descend(c + "[*].lifecycle." + hook);
                allow(c + "[*].lifecycle." + hook + ".exec");
                allow(c + "[*].lifecycle." + hook + ".sleep");
                descend(c + "[*].lifecycle." + hook + ".httpGet");
                for (String f : List.of("path", "port", "host", "httpHeaders")) {
                    allow(c + "[*].lifecycle." + hook + ".httpGet." + f);
                }
                allow(c + "[*].lifecycle." + hook + ".httpGet.scheme", oneOf("HTTP"));
            }
            allow(c + "[*].terminationMessagePolicy");
            // resources: cpu and memory are enforced by cgroups; hugepages, ephemeral-storage,
            // extended resources and claims are not, so they are refused rather than ignored
            descend(c + "[*].resources");
            for (String kind : List.of("limits", "requests")) {
                descend(c + "[*].resources." + kind);
                allow(c + "[*].resources." + kind + ".cpu");
                allow(c + "[*].resources." + kind + ".memory");
            }
            descend(c + "[*].env");
            descend(c + "[*].env[*]");
            allow(c + "[*].env[*].name");
            allow(c + "[*].env[*].value");
            descend(c + "[*].env[*].valueFrom");
            descend(c + "[*].env[*].valueFrom.fieldRef");
            allow(c + "[*].env[*].valueFrom.fieldRef.apiVersion", oneOf("v1"));
            allow(c + "[*].env[*].valueFrom.fieldRef.fieldPath", n -> fieldRef(n, FIELD_REFS));
            // env from objects and resources (issue 4)
            allow(c + "[*].env[*].valueFrom.configMapKeyRef");
            allow(c + "[*].env[*].valueFrom.secretKeyRef");
            descend(c + "[*].env[*].valueFrom.resourceFieldRef");
            allow(c + "[*].env[*].valueFrom.resourceFieldRef.containerName");
            allow(c + "[*].env[*].valueFrom.resourceFieldRef.resource", n -> n.isTextual() && RESOURCE_FIELDS.contains(n.asText()));
            allow(c + "[*].env[*].valueFrom.resourceFieldRef.divisor");
            allow(c + "[*].envFrom");
            descend(c + "[*].ports");
            descend(c + "[*].ports[*]");
            allow(c + "[*].ports[*].containerPort");
            allow(c + "[*].ports[*].name");
            allow(c + "[*].ports[*].protocol");
            // pod network (CNI): hostPorts through the portmap plugin
            allow(c + "[*].ports[*].hostPort");
            allow(c + "[*].ports[*].hostIP");
            descend(c + "[*].volumeMounts");
            descend(c + "[*].volumeMounts[*]");
            allow(c + "[*].volumeMounts[*].name");
            allow(c + "[*].volumeMounts[*].mountPath");
            allow(c + "[*].volumeMounts[*].readOnly");
            allow(c + "[*].volumeMounts[*].subPath");
            allow(c + "[*].volumeMounts[*].subPathExpr");
            // propagation needs shared mounts on the host side: only the default (private) is honoured
            allow(c + "[*].volumeMounts[*].mountPropagation", oneOf("None"));
        }
    }

    /**
     * securityContext (issue 6). Fields the host cannot honour (seLinuxOptions, appArmorProfile,
     * windowsOptions, procMount Unmasked) are allowed through here and refused with the reason by
     * security.SecurityPlanner, which knows the host.
     */
    private static void securityContext() {
        allow("spec.hostPID");
        allow("spec.hostIPC");
        // hostUsers: false asks for a user namespace, which minipod does not build (false is not a default here)
        allow("spec.hostUsers", n -> n.isBoolean() && n.asBoolean());
        descend("spec.securityContext");
        for (String f : List.of("runAsUser", "runAsGroup", "runAsNonRoot", "supplementalGroups", "fsGroup",
                "fsGroupChangePolicy", "sysctls", "seccompProfile", "seLinuxOptions", "appArmorProfile", "windowsOptions",
                "seLinuxChangePolicy")) {
            allow("spec.securityContext." + f);
        }
        allow("spec.securityContext.supplementalGroupsPolicy", oneOf("Merge", "Strict"));
        for (String c : List.of("spec.containers", "spec.initContainers")) {
            String sc = c + "[*].securityContext";
            descend(sc);
            for (String f : List.of("runAsUser", "runAsGroup", "runAsNonRoot", "privileged", "capabilities",
                    "readOnlyRootFilesystem", "allowPrivilegeEscalation", "procMount", "seccompProfile", "seLinuxOptions",
                    "appArmorProfile", "windowsOptions")) {
                allow(sc + "." + f);
            }
        }
    }

    /** Every present, non-default field minipod does not implement yet; empty when all is supported. */
    public static List<FieldError> check(Pod pod) {
        List<FieldError> out = new ArrayList<>();
        JsonNode root = PodJson.json().valueToTree(pod);
        children(root, "", "", out);
        diskEmptyDirSizeLimits(pod, out);
        return out;
    }

    /** A disk emptyDir's sizeLimit needs the kubelet's eviction manager; only a tmpfs enforces it here. */
    private static void diskEmptyDirSizeLimits(Pod pod, List<FieldError> out) {
        var volumes = pod.getSpec() == null || pod.getSpec().getVolumes() == null ? List.<io.fabric8.kubernetes.api.model.Volume>of()
                : pod.getSpec().getVolumes();
        for (int i = 0; i < volumes.size(); i++) {
            var e = volumes.get(i).getEmptyDir();
            if (e != null && e.getSizeLimit() != null && !"Memory".equals(e.getMedium())) {
                out.add(FieldError.forbidden("spec.volumes[" + i + "].emptyDir.sizeLimit", NOT_SUPPORTED + " without medium: Memory"));
            }
        }
    }

    private static void children(JsonNode node, String path, String pattern, List<FieldError> out) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) visit(node.get(i), path + "[" + i + "]", pattern + "[*]", out);
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String sep = path.isEmpty() ? "" : ".";
            visit(e.getValue(), path + sep + e.getKey(), pattern + sep + e.getKey(), out);
        }
    }

    private static void visit(JsonNode node, String path, String pattern, List<FieldError> out) {
        Rule rule = RULES.get(pattern);
        if (rule == null) {
            if (!defaultLike(node)) out.add(FieldError.forbidden(path, NOT_SUPPORTED));
        } else if (rule.descend()) {
            children(node, path, pattern, out);
        } else if (!rule.when().test(node)) {
            out.add(FieldError.forbidden(path, NOT_SUPPORTED));
        }
    }

    private static boolean defaultLike(JsonNode n) {
        return n.isNull() || (n.isBoolean() && !n.asBoolean()) || (n.isTextual() && n.asText().isEmpty())
                || (n.isArray() && n.isEmpty());
    }
}
