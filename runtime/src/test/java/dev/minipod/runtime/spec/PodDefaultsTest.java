package dev.minipod.runtime.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.api.Test;

class PodDefaultsTest {
    static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: d
            spec:
              volumes:
              - name: none
              - name: cm
                configMap:
                  name: c
              - name: sec
                secret:
                  secretName: s
              initContainers:
              - name: init
                image: busybox:1.36
              containers:
              - name: app
                image: busybox
                ports:
                - containerPort: 80
                env:
                - name: N
                  valueFrom:
                    fieldRef:
                      fieldPath: metadata.name
                resources:
                  limits:
                    cpu: 500m
                livenessProbe:
                  httpGet:
                    port: 80
            """;

    @Test
    void appliesV1Defaults() {
        Pod in = ManifestLoader.loadPod(POD);
        Pod pod = PodDefaults.apply(in);
        var spec = pod.getSpec();
        assertThat(pod.getMetadata().getNamespace()).isEqualTo("default");
        assertThat(spec.getRestartPolicy()).isEqualTo("Always");
        assertThat(spec.getTerminationGracePeriodSeconds()).isEqualTo(30L);
        assertThat(spec.getDnsPolicy()).isEqualTo("ClusterFirst");
        assertThat(spec.getSchedulerName()).isEqualTo("default-scheduler");
        assertThat(spec.getSecurityContext()).isNotNull();
        assertThat(spec.getEnableServiceLinks()).isTrue();
        Container app = spec.getContainers().get(0);
        assertThat(app.getImagePullPolicy()).isEqualTo("Always");
        assertThat(spec.getInitContainers().get(0).getImagePullPolicy()).isEqualTo("IfNotPresent");
        assertThat(app.getTerminationMessagePath()).isEqualTo("/dev/termination-log");
        assertThat(app.getTerminationMessagePolicy()).isEqualTo("File");
        assertThat(app.getPorts().get(0).getProtocol()).isEqualTo("TCP");
        assertThat(app.getPorts().get(0).getHostPort()).isNull();
        assertThat(app.getEnv().get(0).getValueFrom().getFieldRef().getApiVersion()).isEqualTo("v1");
        assertThat(app.getResources().getRequests().get("cpu").toString()).isEqualTo("500m");
        var probe = app.getLivenessProbe();
        assertThat(probe.getTimeoutSeconds()).isEqualTo(1);
        assertThat(probe.getPeriodSeconds()).isEqualTo(10);
        assertThat(probe.getSuccessThreshold()).isEqualTo(1);
        assertThat(probe.getFailureThreshold()).isEqualTo(3);
        assertThat(probe.getHttpGet().getPath()).isEqualTo("/");
        assertThat(probe.getHttpGet().getScheme()).isEqualTo("HTTP");
        assertThat(spec.getVolumes().get(0).getEmptyDir()).isNotNull();
        assertThat(spec.getVolumes().get(1).getConfigMap().getDefaultMode()).isEqualTo(420);
        assertThat(spec.getVolumes().get(2).getSecret().getDefaultMode()).isEqualTo(420);
    }

    @Test
    void leavesInputUntouched() {
        Pod in = ManifestLoader.loadPod(POD);
        PodDefaults.apply(in);
        assertThat(in.getSpec().getRestartPolicy()).isNull();
        assertThat(in.getSpec().getContainers().get(0).getImagePullPolicy()).isNull();
        assertThat(in.getMetadata().getNamespace()).isNull();
    }

    @Test
    void keepsExplicitValues() {
        Pod pod = PodDefaults.apply(ManifestLoader.loadPod(POD.replace("  volumes:", "  restartPolicy: Never\n  volumes:")));
        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
    }

    @Test
    void hostNetworkDefaultsHostPort() {
        Pod pod = PodDefaults.apply(ManifestLoader.loadPod(POD.replace("  volumes:", "  hostNetwork: true\n  volumes:")));
        assertThat(pod.getSpec().getContainers().get(0).getPorts().get(0).getHostPort()).isEqualTo(80);
    }

    @Test
    void pullPolicyFromImageReference() {
        assertThat(PodDefaults.pullPolicyFor("busybox")).isEqualTo("Always");
        assertThat(PodDefaults.pullPolicyFor("busybox:latest")).isEqualTo("Always");
        assertThat(PodDefaults.pullPolicyFor("busybox:1.36")).isEqualTo("IfNotPresent");
        assertThat(PodDefaults.pullPolicyFor("localhost:5000/busybox")).isEqualTo("Always");
        assertThat(PodDefaults.pullPolicyFor("localhost:5000/busybox:1")).isEqualTo("IfNotPresent");
        assertThat(PodDefaults.pullPolicyFor("busybox@sha256:abc")).isEqualTo("IfNotPresent");
    }
}
