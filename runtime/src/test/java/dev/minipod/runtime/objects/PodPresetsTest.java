package dev.minipod.runtime.objects;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.minipod.runtime.spec.PodJson;
import io.fabric8.kubernetes.api.model.Pod;

class PodPresetsTest {
    private static Pod pod(String yamlSpec) {
        return PodJson.fromJson(yamlSpec, Pod.class);
    }

    private static ObjectNode preset(String name, String rv, String spec) {
        try {
            ObjectNode p = (ObjectNode) PodJson.json().readTree("{\"metadata\":{\"name\":\"" + name + "\",\"resourceVersion\":\"" + rv
                    + "\"},\"spec\":" + spec + "}");
            return p;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String WEBSITE = "{\"metadata\":{\"name\":\"website\",\"labels\":{\"role\":\"frontend\"}},"
            + "\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"busybox\",\"env\":[{\"name\":\"MODE\",\"value\":\"prod\"}]},"
            + "{\"name\":\"side\",\"image\":\"busybox\"}]}}";

    private static final String ALLOW_DB = "{\"selector\":{\"matchLabels\":{\"role\":\"frontend\"}},"
            + "\"env\":[{\"name\":\"DB_PORT\",\"value\":\"6379\"}],"
            + "\"envFrom\":[{\"configMapRef\":{\"name\":\"etcd-env-config\"}}],"
            + "\"volumeMounts\":[{\"name\":\"cache\",\"mountPath\":\"/cache\"}],"
            + "\"volumes\":[{\"name\":\"cache\",\"emptyDir\":{}}]}";

    @Test
    void aMatchingPresetIsMergedIntoEveryContainerAndAnnotated() {
        PodPresets.Result r = PodPresets.apply(pod(WEBSITE), List.of(preset("allow-database", "42", ALLOW_DB)));
        assertThat(r.conflict()).isNull();
        Pod p = r.pod();
        assertThat(p.getMetadata().getAnnotations()).containsEntry("podpreset.admission.kubernetes.io/podpreset-allow-database", "42");
        assertThat(p.getSpec().getVolumes()).extracting(v -> v.getName()).containsExactly("cache");
        for (var c : p.getSpec().getContainers()) {
            assertThat(c.getVolumeMounts()).extracting(m -> m.getMountPath()).containsExactly("/cache");
            assertThat(c.getEnvFrom()).extracting(e -> e.getConfigMapRef().getName()).containsExactly("etcd-env-config");
        }
        assertThat(p.getSpec().getContainers().get(0).getEnv()).extracting(e -> e.getName()).containsExactly("MODE", "DB_PORT");
    }

    @Test
    void aPresetThatDoesNotSelectThePodLeavesItAlone() {
        String other = ALLOW_DB.replace("\"role\":\"frontend\"", "\"role\":\"backend\"");
        PodPresets.Result r = PodPresets.apply(pod(WEBSITE), List.of(preset("p", "1", other)));
        assertThat(r.pod()).isEqualTo(pod(WEBSITE));
        assertThat(r.conflict()).isNull();
    }

    @Test
    void aConflictLeavesThePodUnmodifiedAndExplainsWhy() {
        String clash = "{\"selector\":{},\"env\":[{\"name\":\"MODE\",\"value\":\"dev\"}]}";
        PodPresets.Result r = PodPresets.apply(pod(WEBSITE), List.of(preset("allow-database", "1", ALLOW_DB), preset("clash", "2", clash)));
        assertThat(r.pod()).isEqualTo(pod(WEBSITE));
        assertThat(r.conflict()).startsWith("conflict occurred while applying podpresets: allow-database,clash on pod:  err: "
                + "merging env for clash has a conflict on MODE: \n");
    }

    @Test
    void aMountPathTakenByAnotherVolumeIsAConflict() {
        String pod = WEBSITE.replace("\"image\":\"busybox\",\"env\"", "\"image\":\"busybox\",\"volumeMounts\":[{\"name\":\"own\",\"mountPath\":\"/cache\"}],\"env\"");
        PodPresets.Result r = PodPresets.apply(pod(pod), List.of(preset("allow-database", "1", ALLOW_DB)));
        assertThat(r.conflict()).contains("merging volume mounts for allow-database has a conflict on mount path /cache");
        assertThat(r.pod()).isEqualTo(pod(pod));
    }

    @Test
    void theExcludeAnnotationOptsOut() {
        String excluded = WEBSITE.replace("\"labels\"", "\"annotations\":{\"podpreset.admission.kubernetes.io/exclude\":\"true\"},\"labels\"");
        assertThat(PodPresets.apply(pod(excluded), List.of(preset("allow-database", "1", ALLOW_DB))).pod()).isEqualTo(pod(excluded));
    }

    @Test
    void matchExpressionsSelect() {
        String expr = ALLOW_DB.replace("{\"matchLabels\":{\"role\":\"frontend\"}}",
                "{\"matchExpressions\":[{\"key\":\"role\",\"operator\":\"In\",\"values\":[\"frontend\",\"web\"]},{\"key\":\"canary\",\"operator\":\"DoesNotExist\"}]}");
        assertThat(PodPresets.apply(pod(WEBSITE), List.of(preset("e", "1", expr))).pod().getSpec().getVolumes()).hasSize(1);
    }
}
