package dev.minipod.runtime.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minipod.runtime.spec.ManifestLoader;
import dev.minipod.runtime.spec.PodDefaults;
import java.util.List;
import org.junit.jupiter.api.Test;

class SupportCheckTest {

    static List<String> refused(String spec) {
        var pod = PodDefaults.apply(ManifestLoader.loadPod("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n" + spec));
        return SupportCheck.check(pod).stream().map(FieldError::toString).toList();
    }

    static final String APP = "  containers:\n  - name: app\n    image: busybox\n";

    @Test
    void supportedFieldsPass() {
        assertThat(refused("  restartPolicy: Never\n  terminationGracePeriodSeconds: 3\n  shareProcessNamespace: true\n"
                + "  hostAliases:\n  - ip: 10.0.0.1\n    hostnames: [a]\n  nodeName: n\n  dnsPolicy: Default\n  hostNetwork: false\n"
                + "  serviceAccountName: default\n  volumes:\n  - name: v\n    emptyDir:\n      medium: ''\n"
                + "  initContainers:\n  - name: i\n    image: busybox\n"
                + APP + "    command: [sh]\n    args: [-c, x]\n    workingDir: /w\n    imagePullPolicy: Never\n    stdin: false\n"
                + "    env:\n    - name: A\n      value: b\n    - name: N\n      valueFrom:\n        fieldRef:\n          fieldPath: status.podIP\n"
                + "    ports:\n    - containerPort: 80\n      name: http\n      protocol: UDP\n"
                + "    volumeMounts:\n    - name: v\n      mountPath: /v\n      readOnly: true\n"
                + "    resources:\n      limits:\n        cpu: 500m\n        memory: 64Mi\n      requests:\n        cpu: 100m\n")).isEmpty();
    }

    @Test
    void unimplementedFieldsAreRefusedByPath() {
        assertThat(refused("  hostNetwork: true\n  nodeSelector:\n    a: b\n  dnsPolicy: ClusterFirstWithHostNet\n  hostUsers: false\n  securityContext:\n    runAsUser: 1\n    supplementalGroupsPolicy: Other\n"
                + "  volumes:\n  - name: v\n    emptyDir:\n      medium: Memory\n      sizeLimit: 1Mi\n  - name: h\n    image:\n      reference: x\n"
                + APP + "    tty: true\n    resources:\n      limits:\n        cpu: 1\n        ephemeral-storage: 1Gi\n        hugepages-2Mi: 2Mi\n"
                + "    livenessProbe:\n      grpc:\n        port: 80\n"
                + "    env:\n    - name: N\n      valueFrom:\n        fieldRef:\n          fieldPath: spec.restartPolicy\n"
                + "    ports:\n    - containerPort: 80\n      hostPort: 80\n"
                + "    volumeMounts:\n    - name: v\n      mountPath: /v\n      mountPropagation: HostToContainer\n"
))
                .containsExactlyInAnyOrder(
                        "spec.nodeSelector: Forbidden: not supported yet by minipod",
                        "spec.securityContext.supplementalGroupsPolicy: Forbidden: not supported yet by minipod",
                        "spec.hostUsers: Forbidden: not supported yet by minipod",
                        "spec.volumes[1].image: Forbidden: not supported yet by minipod",
                        "spec.containers[0].tty: Forbidden: not supported yet by minipod",
                        "spec.containers[0].resources.limits.ephemeral-storage: Forbidden: not supported yet by minipod",
                        "spec.containers[0].resources.limits.hugepages-2Mi: Forbidden: not supported yet by minipod",
                        "spec.containers[0].resources.requests.ephemeral-storage: Forbidden: not supported yet by minipod",
                        "spec.containers[0].resources.requests.hugepages-2Mi: Forbidden: not supported yet by minipod",
                        "spec.containers[0].livenessProbe.grpc: Forbidden: not supported yet by minipod",
                        "spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Forbidden: not supported yet by minipod",
                        "spec.containers[0].volumeMounts[0].mountPropagation: Forbidden: not supported yet by minipod");
    }

    @Test
    void aDiskEmptyDirSizeLimitIsRefusedAndAMemoryOneAccepted() {
        assertThat(refused(APP + "  volumes:\n  - name: d\n    emptyDir: {sizeLimit: 1Gi}\n  - name: m\n    emptyDir: {medium: Memory, sizeLimit: 1Gi}\n"))
                .containsExactly("spec.volumes[0].emptyDir.sizeLimit: Forbidden: not supported yet by minipod without medium: Memory");
    }

    @Test
    void metadataBeyondNameNamespaceLabelsAnnotationsIsRefused() {
        var pod = PodDefaults.apply(ManifestLoader.loadPod("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  uid: x\n"
                + "  finalizers: [a/b]\n  generateName: p-\nspec:\n" + APP));
        assertThat(SupportCheck.check(pod)).extracting(FieldError::toString).containsExactly(
                "metadata.finalizers: Forbidden: not supported yet by minipod",
                "metadata.generateName: Forbidden: not supported yet by minipod",
                "metadata.uid: Forbidden: not supported yet by minipod");
    }

    @Test
    void sidecarsAndOtherKindsOfSourcesAreRefused() {
        assertThat(refused(APP + "  initContainers:\n  - name: s\n    image: busybox\n    restartPolicy: Always\n"
                + "  volumes:\n  - name: c\n    projected:\n      sources:\n      - serviceAccountToken:\n          path: t\n"))
                .containsExactly("spec.initContainers[0].restartPolicy: Forbidden: not supported yet by minipod",
                        "spec.volumes[0].projected.sources[0].serviceAccountToken: Forbidden: not supported yet by minipod");
    }
}
