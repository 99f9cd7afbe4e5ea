package dev.minipod.runtime.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minipod.runtime.spec.ManifestLoader;
import dev.minipod.runtime.spec.PodDefaults;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodValidatorTest {

    /** Field errors of a pod whose spec is given as YAML (indented under "spec:"), after defaulting. */
    static List<String> errors(String spec) {
        return errorsOf("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n" + spec);
    }

    static List<String> errorsOf(String manifest) {
        Pod pod = PodDefaults.apply(ManifestLoader.loadPod(manifest));
        return PodValidator.validate(pod).stream().map(FieldError::toString).toList();
    }

    static final String APP = "  containers:\n  - name: app\n    image: busybox\n";

    @Test
    void minimalPodIsValid() {
        assertThat(errors(APP)).isEmpty();
    }

    @Test
    void podNameRequiredAndSubdomain() {
        assertThat(errorsOf("apiVersion: v1\nkind: Pod\nmetadata: {}\nspec:\n" + APP))
                .containsExactly("metadata.name: Required value: name or generateName is required");
        assertThat(errorsOf("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web.v1\nspec:\n" + APP)).isEmpty();
        assertThat(errorsOf("apiVersion: v1\nkind: Pod\nmetadata:\n  name: " + "a".repeat(254) + "\nspec:\n" + APP))
                .singleElement().asString().endsWith(": must be no more than 253 characters");
    }

    @Test
    void namespaceIsDnsLabel() {
        assertThat(errorsOf("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: a.b\nspec:\n" + APP))
                .containsExactly("metadata.namespace: Invalid value: \"a.b\": must not contain dots");
    }

    @Test
    void labelKeysAndValues() {
        assertThat(errorsOf("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    'bad key': 'bad value!'\nspec:\n" + APP))
                .containsExactly(
                        "metadata.labels: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', "
                                + "and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', "
                                + "regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
                        "metadata.labels: Invalid value: \"bad value!\": a valid label must be an empty string or consist of alphanumeric "
                                + "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  "
                                + "or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
        assertThat(errorsOf("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    example.com/app: web\n    empty: ''\nspec:\n" + APP))
                .isEmpty();
    }

    @Test
    void annotationKeysAreQualifiedNamesCaseInsensitively() {
        assertThat(errorsOf("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    Example.COM/Owner: x\nspec:\n" + APP)).isEmpty();
        assertThat(errorsOf("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    /x: y\nspec:\n" + APP))
                .containsExactly("metadata.annotations: Invalid value: \"/x\": prefix part must be non-empty");
    }

    @Test
    void containersRequired() {
        assertThat(errors("  containers: []\n")).containsExactly("spec.containers: Required value");
    }

    @Test
    void containerNameRequiredAndLabel() {
        assertThat(errors("  containers:\n  - image: busybox\n")).containsExactly("spec.containers[0].name: Required value");
        assertThat(errors("  containers:\n  - name: a.b\n    image: busybox\n"))
                .containsExactly("spec.containers[0].name: Invalid value: \"a.b\": must not contain dots");
    }

    @Test
    void containerNamesUniqueAcrossInitAndApp() {
        assertThat(errors(APP + "  initContainers:\n  - name: app\n    image: busybox\n  - name: init\n    image: busybox\n"
                + "  - name: init\n    image: busybox\n"))
                .containsExactly("spec.initContainers[0].name: Duplicate value: \"app\"",
                        "spec.initContainers[2].name: Duplicate value: \"init\"");
    }

    @Test
    void imageWhitespace() {
        assertThat(errors("  containers:\n  - name: app\n    image: ' busybox'\n"))
                .containsExactly("spec.containers[0].image: Invalid value: \" busybox\": must not have leading or trailing whitespace");
    }

    @Test
    void ports() {
        assertThat(errors(APP + "    ports:\n    - containerPort: 0\n    - containerPort: 80\n      hostPort: 70000\n      name: Web_1\n"
                + "    - containerPort: 81\n      name: http\n    - containerPort: 82\n      name: http\n    - containerPort: 83\n      name: '8080'\n"))
                .containsExactly(
                        "spec.containers[0].ports[0].containerPort: Required value",
                        "spec.containers[0].ports[1].name: Invalid value: \"Web_1\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
                        "spec.containers[0].ports[1].hostPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
                        "spec.containers[0].ports[3].name: Duplicate value: \"http\"",
                        "spec.containers[0].ports[4].name: Invalid value: \"8080\": must contain at least one letter (a-z)");
    }

    @Test
    void portNameTooLongAndHyphens() {
        assertThat(Names.portName("a-very-long-port-name")).containsExactly("must be no more than 15 characters");
        assertThat(Names.portName("a--b")).containsExactly("must not contain consecutive hyphens");
        assertThat(Names.portName("-ab")).containsExactly("must not begin or end with a hyphen");
    }

    @Test
    void duplicateHostPort() {
        assertThat(errors(APP + "    ports:\n    - containerPort: 80\n      hostPort: 8080\n"
                + "  - name: two\n    image: busybox\n    ports:\n    - containerPort: 81\n      hostPort: 8080\n"))
                .containsExactly("spec.containers[1].ports[0].hostPort: Duplicate value: \"TCP//8080\"");
    }

    @Test
    void hostNetworkHostPortMustMatch() {
        assertThat(errors("  hostNetwork: true\n" + APP + "    ports:\n    - containerPort: 80\n    - containerPort: 81\n      hostPort: 9000\n"))
                .containsExactly("spec.containers[0].ports[1].hostPort: Invalid value: 9000: must match `containerPort` when `hostNetwork` is true");
    }

    @Test
    void restartPolicyAndDnsPolicy() {
        assertThat(errors("  restartPolicy: Sometimes\n  dnsPolicy: Cluster\n" + APP)).containsExactly(
                "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"",
                "spec.dnsPolicy: Unsupported value: \"Cluster\": supported values: \"ClusterFirst\", \"ClusterFirstWithHostNet\", \"Default\", \"None\"");
        assertThat(errors("  dnsPolicy: None\n" + APP))
                .containsExactly("spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None");
    }

    @Test
    void volumes() {
        assertThat(errors("  volumes:\n  - name: a\n    emptyDir: {}\n    hostPath:\n      path: /x\n  - name: a\n    emptyDir: {}\n"
                + "  - name: B\n    configMap: {}\n" + APP)).containsExactly(
                "spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type",
                "spec.volumes[1].name: Duplicate value: \"a\"",
                "spec.volumes[2].configMap.name: Required value",
                "spec.volumes[2].name: Invalid value: \"B\": a lowercase RFC 1123 label must consist of lower case alphanumeric "
                        + "characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', "
                        + "regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
        assertThat(errors("  volumes:\n  - name: s\n    secret:\n      secretName: s\n      defaultMode: 1000\n" + APP))
                .containsExactly("spec.volumes[0].secret.defaultMode: Invalid value: 1000: must be a number between 0 and 0777 (octal), both inclusive");
    }

    @Test
    void volumeTypeQuirksKeepTheApiSpelling() {
        assertThat(errors("  volumes:\n  - name: a\n    emptyDir: {}\n    downwardAPI: {}\n" + APP))
                .containsExactly("spec.volumes[0].downwarAPI: Forbidden: may not specify more than 1 volume type");
        assertThat(errors("  volumes:\n  - name: a\n    hostPath:\n      path: /a/../b\n" + APP))
                .containsExactly("spec.volumes[0].hostPath.path: Invalid value: \"/a/../b\": must not contain '..'");
    }

    @Test
    void volumeMounts() {
        assertThat(errors("  volumes:\n  - name: data\n" + APP + "    volumeMounts:\n    - name: nope\n      mountPath: /a\n"
                + "    - name: data\n      mountPath: ''\n    - name: data\n      mountPath: /a\n      subPath: ../x\n"
                + "    - name: data\n      mountPath: /b\n      subPath: /abs\n")).containsExactly(
                "spec.containers[0].volumeMounts[0].name: Not found: \"nope\"",
                "spec.containers[0].volumeMounts[1].mountPath: Required value",
                "spec.containers[0].volumeMounts[2].mountPath: Invalid value: \"/a\": must be unique",
                "spec.containers[0].volumeMounts.subPath: Invalid value: \"../x\": must not contain '..'",
                "spec.containers[0].volumeMounts.subPath: Invalid value: \"/abs\": must be a relative path");
    }

    @Test
    void env() {
        assertThat(errors(APP + "    env:\n    - name: ''\n    - name: 'weird name.ok'\n    - name: A\n      valueFrom: {}\n"
                + "    - name: B\n      valueFrom:\n        fieldRef:\n          fieldPath: spec.restartPolicy\n"
                + "    - name: C\n      valueFrom:\n        fieldRef:\n          fieldPath: spec.nope\n"
                + "    - name: D\n      valueFrom:\n        fieldRef:\n          fieldPath: metadata.labels['app']\n")).containsExactly(
                "spec.containers[0].env[0].name: Required value",
                "spec.containers[0].env[2].valueFrom: Invalid value: \"\": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`",
                "spec.containers[0].env[3].valueFrom.fieldRef.fieldPath: Unsupported value: \"spec.restartPolicy\": supported values: "
                        + "\"metadata.name\", \"metadata.namespace\", \"metadata.uid\", \"spec.nodeName\", \"spec.serviceAccountName\", "
                        + "\"status.hostIP\", \"status.hostIPs\", \"status.podIP\", \"status.podIPs\"",
                "spec.containers[0].env[4].valueFrom.fieldRef.fieldPath: Invalid value: \"spec.nope\": error converting fieldPath: field label not supported: spec.nope");
        assertThat(errors(APP + "    env:\n    - name: A\n      valueFrom:\n        fieldRef:\n          fieldPath: spec.nodeName['x']\n"
                + "    - name: B\n      valueFrom:\n        fieldRef:\n          fieldPath: metadata.annotations['A B']\n"
                + "    - name: C\n      valueFrom:\n        fieldRef:\n          fieldPath: spec.host\n")).containsExactly(
                "spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Invalid value: \"spec.nodeName['x']\": error converting fieldPath: "
                        + "field label does not support subscript: spec.nodeName['x']",
                "spec.containers[0].env[1].valueFrom.fieldRef: Invalid value: \"a b\": name part must consist of alphanumeric characters, "
                        + "'-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', "
                        + "regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
    }

    @Test
    void probes() {
        assertThat(errors(APP + "    livenessProbe:\n      exec:\n        command: [x]\n      tcpSocket:\n        port: 80\n"
                + "      periodSeconds: -1\n    readinessProbe:\n      httpGet:\n        port: 0\n      terminationGracePeriodSeconds: 5\n"
                + "    startupProbe:\n      exec:\n        command: []\n      successThreshold: 3\n")).containsExactly(
                "spec.containers[0].livenessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type",
                "spec.containers[0].livenessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0",
                "spec.containers[0].readinessProbe.httpGet.port: Invalid value: 0: must be between 1 and 65535, inclusive",
                "spec.containers[0].readinessProbe.terminationGracePeriodSeconds: Invalid value: 5: must not be set for readinessProbes",
                "spec.containers[0].startupProbe.exec.command: Required value",
                "spec.containers[0].startupProbe.successThreshold: Invalid value: 3: must be 1");
    }

    @Test
    void lifecycleOnInitContainersAndSidecars() {
        assertThat(errors(APP + "  initContainers:\n  - name: init\n    image: busybox\n    lifecycle:\n      preStop:\n        exec:\n          command: [x]\n"
                + "    livenessProbe:\n      exec:\n        command: [x]\n"
                + "  - name: side\n    image: busybox\n    restartPolicy: Always\n    readinessProbe:\n      exec:\n        command: [x]\n"
                + "    lifecycle:\n      postStart: {}\n"))
                .containsExactly(
                        "spec.initContainers[0].lifecycle: Forbidden: may not be set for init containers without restartPolicy=Always",
                        "spec.initContainers[0].livenessProbe: Forbidden: may not be set for init containers without restartPolicy=Always",
                        "spec.initContainers[1].lifecycle.postStart: Required value: must specify a handler type");
    }

    @Test
    void containerRestartPolicy() {
        assertThat(errors(APP + "    restartPolicy: Always\n  initContainers:\n  - name: i\n    image: busybox\n    restartPolicy: Never\n"))
                .containsExactly("spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers",
                        "spec.initContainers[0].restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"");
    }

    @Test
    void resources() {
        assertThat(errors(APP + "    resources:\n      limits:\n        cpu: 500m\n        memory: 1Gi\n        gpu: '1'\n"
                + "      requests:\n        cpu: '1'\n        memory: 2Gi\n")).containsExactly(
                "spec.containers[0].resources.limits[gpu]: Invalid value: \"gpu\": must be a standard resource for containers",
                "spec.containers[0].resources.requests: Invalid value: \"1\": must be less than or equal to cpu limit of 500m",
                "spec.containers[0].resources.requests[gpu]: Invalid value: \"gpu\": must be a standard resource for containers",
                "spec.containers[0].resources.requests: Invalid value: \"2Gi\": must be less than or equal to memory limit of 1Gi");
        assertThat(errors(APP + "    resources:\n      requests:\n        memory: -1Mi\n"))
                .containsExactly("spec.containers[0].resources.requests[memory]: Invalid value: \"-1Mi\": must be greater than or equal to 0");
        assertThat(errors(APP + "    resources:\n      requests:\n        cpu: 1.5\n      limits:\n        cpu: 2\n")).isEmpty();
        assertThat(errors(APP + "    resources:\n      requests:\n        example.com/dongle: 1\n        hugepages-2Mi: 2Mi\n"
                + "      limits:\n        hugepages-2Mi: 4Mi\n")).containsExactly(
                "spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources",
                "spec.containers[0].resources.requests: Invalid value: \"2Mi\": must be equal to hugepages-2Mi limit of 4Mi");
    }

    @Test
    void pullPolicyAndTerminationMessagePolicy() {
        assertThat(errors(APP + "    imagePullPolicy: Sometimes\n    terminationMessagePolicy: Maybe\n")).containsExactly(
                "spec.containers[0].terminationMessagePolicy: Unsupported value: \"Maybe\": supported values: \"File\", \"FallbackToLogsOnError\"",
                "spec.containers[0].imagePullPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"IfNotPresent\", \"Never\"");
    }

    @Test
    void deadlinesAndGracePeriod() {
        assertThat(errors("  activeDeadlineSeconds: 0\n  terminationGracePeriodSeconds: -1\n" + APP)).containsExactly(
                "spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive",
                "spec.terminationGracePeriodSeconds: Invalid value: -1: must be greater than or equal to 0");
    }

    @Test
    void aggregateMessageAndCauses() {
        Pod pod = PodDefaults.apply(ManifestLoader.loadPod("apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n"));
        assertThatThrownBy(() -> PodValidator.requireValid(pod))
                .isInstanceOfSatisfying(InvalidPodException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("Pod \"x\" is invalid: spec.containers[0].image: Required value");
                    assertThat(e.reason()).isEqualTo("Invalid");
                    assertThat(e.exitCode()).isEqualTo(2);
                    assertThat(e.errors()).singleElement().satisfies(f -> {
                        assertThat(f.path()).isEqualTo("spec.containers[0].image");
                        assertThat(f.type().reason()).isEqualTo("FieldValueRequired");
                        assertThat(f.body()).isEqualTo("Required value");
                    });
                });
        assertThat(InvalidPodException.message("Pod", "x", List.of(FieldError.required("a", ""), FieldError.required("b", "why"))))
                .isEqualTo("Pod \"x\" is invalid: [a: Required value, b: Required value: why]");
    }

    @Test
    void securityContextIsValidatedLikeTheApiServer() {
        assertThat(errors("""
                  securityContext:
                    runAsUser: -1
                    fsGroup: 2147483648
                    fsGroupChangePolicy: Sometimes
                    seccompProfile: {type: Localhost}
                    sysctls:
                    - {name: net.core.somaxconn, value: "1"}
                    - {name: net/core/somaxconn, value: "2"}
                    - {name: "Bad_Name", value: "1"}
                  containers:
                  - name: app
                    image: busybox
                    securityContext:
                      privileged: true
                      allowPrivilegeEscalation: false
                      procMount: Hidden
                      seccompProfile: {type: RuntimeDefault, localhostProfile: x.json}
                """)).containsExactly(
                "spec.containers[0].securityContext.procMount: Unsupported value: \"Hidden\": supported values: \"Default\", \"Unmasked\"",
                "spec.containers[0].securityContext.seccompProfile.localhostProfile: Invalid value: \"x.json\": can only be set when seccomp type is Localhost",
                "spec.containers[0].securityContext: Forbidden: cannot set `allowPrivilegeEscalation` to false and `privileged` to true",
                "spec.securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive",
                "spec.securityContext.fsGroup: Invalid value: 2147483648: must be between 0 and 2147483647, inclusive",
                "spec.securityContext.fsGroupChangePolicy: Unsupported value: \"Sometimes\": supported values: \"OnRootMismatch\", \"Always\"",
                "spec.securityContext.seccompProfile.localhostProfile: Required value: must be set when seccomp type is Localhost",
                "spec.securityContext.sysctls[1].name: Duplicate value: \"net/core/somaxconn\"",
                "spec.securityContext.sysctls[2].name: Invalid value: \"Bad_Name\": must have at most 253 characters and match regex "
                        + "([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?");
    }
}
