package dev.minipod.runtime.it;

import static dev.minipod.runtime.it.TestNode.allRunning;
import static dev.minipod.runtime.it.TestNode.status;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.minipod.runtime.MinipodException;
import dev.minipod.runtime.objects.Kind;
import dev.minipod.runtime.objects.ObjectStore;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * Volumes and env as a container sees them: configMap, secret, downwardAPI and projected files
 * (layout, modes, tmpfs), updates without restarts, hostPath types, subPath safety, claims and
 * env from objects. ConfigMaps, Secrets, PVs and PVCs go through the node's object store, as
 * {@code minipod apply} would put them. Needs root.
 */
@Tag("root")
class VolumesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private TestNode node;

    @BeforeEach
    void start() throws Exception {
        node = TestNode.start();
    }

    /** Creates or replaces an object of the store (the API's POST or PUT). */
    private void put(Kind kind, ObjectNode obj) {
        String name = obj.path("metadata").path("name").asText();
        byte[] body = obj.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try {
            node.objects().get(kind, TestNode.NS, name);
            node.objects().replace(kind, TestNode.NS, name, body);
        } catch (MinipodException notFound) {
            node.objects().create(kind, TestNode.NS, body);
        }
    }

    private static ObjectNode object(String kind, String name) {
        ObjectNode o = JSON.createObjectNode().put("apiVersion", "v1").put("kind", kind);
        o.putObject("metadata").put("name", name);
        return o;
    }

    private void configMap(String name, Map<String, String> data) {
        ObjectNode o = object("ConfigMap", name);
        data.forEach(o.putObject("data")::put);
        put(Kind.CONFIG_MAP, o);
    }

    private void secret(String name, Map<String, String> values) {
        ObjectNode o = object("Secret", name).put("type", "Opaque");
        values.forEach(o.putObject("stringData")::put);
        put(Kind.SECRET, o);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private static String pod(String name, String spec) {
        return "apiVersion: v1\nkind: Pod\nmetadata:\n  name: " + name + "\n  labels: {app: web, tier: \"front\"}\n"
                + "  annotations: {note: 'say \"hi\"'}\nspec:\n" + spec;
    }

    private String sh(String pod, String container, String script) {
        TestNode.ExecResult r = node.exec(pod, container, "sh", "-c", script);
        assertThat(r.exitCode()).as("%s: %s", script, r.stderr()).isZero();
        return r.stdout();
    }

    private List<String> events(String pod) {
        List<String> out = new ArrayList<>();
        for (Event e : node.pods().events(TestNode.NS, Map.of("involvedObject.name", pod)).getItems()) {
            out.add(e.getType() + " " + e.getReason() + " " + e.getMessage());
        }
        return out;
    }

    @Test
    void projectedFilesHaveTheKubeletLayoutModesAndSecretsLiveOnTmpfs() {
        configMap("cfg", Map.of("game.properties", "lives=3", "ui.properties", "color=blue"));
        secret("creds", Map.of("user", "admin", "pass", "hunter2"));
        node.create(pod("files", """
                  containers:
                  - name: c
                    image: busybox
                    command: [sleep, "3600"]
                    volumeMounts:
                    - {name: cfg, mountPath: /etc/cfg}
                    - {name: items, mountPath: /etc/items}
                    - {name: sec, mountPath: /etc/sec}
                    - {name: meta, mountPath: /etc/meta}
                    - {name: all, mountPath: /etc/all}
                  volumes:
                  - name: cfg
                    configMap: {name: cfg}
                  - name: items
                    configMap:
                      name: cfg
                      defaultMode: 0600
                      items:
                      - {key: game.properties, path: deep/game}
                      - {key: ui.properties, path: ui, mode: 0444}
                  - name: sec
                    secret: {secretName: creds, defaultMode: 0400}
                  - name: meta
                    downwardAPI:
                      items:
                      - {path: labels, fieldRef: {fieldPath: metadata.labels}}
                      - {path: annotations, fieldRef: {fieldPath: metadata.annotations}}
                      - {path: name, fieldRef: {fieldPath: metadata.name}}
                      - {path: cpu, resourceFieldRef: {containerName: c, resource: limits.cpu, divisor: 1m}}
                  - name: all
                    projected:
                      sources:
                      - configMap: {name: cfg, items: [{key: ui.properties, path: ui}]}
                      - secret: {name: creds, items: [{key: user, path: secret/user}]}
                      - downwardAPI: {items: [{path: ns, fieldRef: {fieldPath: metadata.namespace}}]}
                """));
        node.await("files", allRunning());
        assertThat(sh("files", "c", "ls -a /etc/cfg | sort")).matches("(?s)\\.\\n\\.\\.\\n\\.\\.2\\d{3}_\\d\\d_\\d\\d_\\d\\d_\\d\\d_\\d\\d\\.\\d+\\n"
                + "\\.\\.data\\ngame\\.properties\\nui\\.properties\\n");
        assertThat(sh("files", "c", "readlink /etc/cfg/game.properties")).isEqualTo("..data/game.properties\n");
        assertThat(sh("files", "c", "cat /etc/cfg/game.properties; stat -L -c %a /etc/cfg/game.properties")).isEqualTo("lives=3644\n");
        assertThat(sh("files", "c", "stat -L -c %a /etc/items/deep/game /etc/items/ui; cat /etc/items/deep/game"))
                .isEqualTo("600\n444\nlives=3");
        assertThat(sh("files", "c", "stat -L -c %a /etc/sec/pass; cat /etc/sec/pass")).isEqualTo("400\nhunter2");
        assertThat(sh("files", "c", "grep ' /etc/sec ' /proc/mounts | cut -d' ' -f3")).as("the secret volume is its own tmpfs").isEqualTo("tmpfs\n");
        assertThat(sh("files", "c", "grep ' /etc/cfg ' /proc/mounts | cut -d' ' -f3")).as("configMaps are on disk").isNotEqualTo("tmpfs\n");
        assertThat(sh("files", "c", "for m in all meta; do grep \" /etc/$m \" /proc/mounts | cut -d' ' -f3; done"))
                .as("projected and downwardAPI volumes are memory-backed too").isEqualTo("tmpfs\ntmpfs\n");
        assertThat(sh("files", "c", "cat /etc/meta/labels")).isEqualTo("app=\"web\"\ntier=\"front\"");
        assertThat(sh("files", "c", "cat /etc/meta/annotations")).isEqualTo("note=\"say \\\"hi\\\"\"");
        assertThat(sh("files", "c", "cat /etc/meta/name; echo; cat /etc/meta/cpu")).isEqualTo("files\n"
                + Runtime.getRuntime().availableProcessors() * 1000);
        assertThat(sh("files", "c", "cat /etc/all/ui /etc/all/secret/user /etc/all/ns")).isEqualTo("color=blueadmindefault");
        assertThat(node.exec("files", "c", "touch", "/etc/cfg/x").exitCode()).as("projected volumes are read-only").isNotZero();
    }

    @Test
    void aChangedConfigMapUpdatesFilesButNotSubPathsEnvOrTheContainer() {
        configMap("live", Map.of("k", "v1"));
        node.create(pod("upd", """
                  containers:
                  - name: c
                    image: busybox
                    command: [sleep, "3600"]
                    env:
                    - name: K
                      valueFrom: {configMapKeyRef: {name: live, key: k}}
                    volumeMounts:
                    - {name: cfg, mountPath: /etc/cfg}
                    - {name: cfg, mountPath: /etc/k, subPath: k}
                  volumes:
                  - name: cfg
                    configMap: {name: live}
                """));
        node.await("upd", allRunning());
        assertThat(sh("upd", "c", "cat /etc/cfg/k /etc/k; echo $K")).isEqualTo("v1v1v1\n");
        String before = sh("upd", "c", "readlink /etc/cfg/..data");
        configMap("live", Map.of("k", "v2", "new", "n"));
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> node.exec("upd", "c", "cat", "/etc/cfg/k").stdout().equals("v2"));
        assertThat(sh("upd", "c", "cat /etc/cfg/new")).isEqualTo("n");
        assertThat(sh("upd", "c", "readlink /etc/cfg/..data")).isNotEqualTo(before);
        assertThat(sh("upd", "c", "cat /etc/k; echo $K")).as("subPath and env keep the old value").isEqualTo("v1v1\n");
        assertThat(status(node.get("upd"), "c").getRestartCount()).isZero();
    }

    @Test
    void changedLabelsAndAnnotationsUpdateDownwardApiFilesButNotEnvOrTheContainer() throws Exception {
        node.create(pod("relabel", """
                  containers:
                  - name: c
                    image: busybox
                    command: [sleep, "3600"]
                    env:
                    - name: APP
                      valueFrom: {fieldRef: {fieldPath: "metadata.labels['app']"}}
                    volumeMounts:
                    - {name: meta, mountPath: /etc/meta}
                    - {name: all, mountPath: /etc/all}
                  volumes:
                  - name: meta
                    downwardAPI:
                      items:
                      - {path: labels, fieldRef: {fieldPath: metadata.labels}}
                      - {path: annotations, fieldRef: {fieldPath: metadata.annotations}}
                  - name: all
                    projected:
                      sources:
                      - downwardAPI: {items: [{path: app, fieldRef: {fieldPath: "metadata.labels['app']"}}]}
                """));
        node.await("relabel", allRunning());
        assertThat(sh("relabel", "c", "cat /etc/meta/labels")).isEqualTo("app=\"web\"\ntier=\"front\"");
        ObjectNode live = (ObjectNode) JSON.readTree(dev.minipod.runtime.spec.PodJson.json().writeValueAsBytes(node.get("relabel")));
        ObjectNode meta = (ObjectNode) live.get("metadata");
        meta.putObject("labels").put("app", "api").put("tier", "front");
        meta.putObject("annotations").put("owner", "ops");
        Pod updated = node.pods().update(TestNode.NS, "relabel", JSON.writeValueAsBytes(live));
        assertThat(updated.getMetadata().getResourceVersion()).isEqualTo("2");
        assertThat(node.get("relabel").getMetadata().getLabels()).containsEntry("app", "api");
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> node.exec("relabel", "c", "cat", "/etc/meta/labels").stdout().equals("app=\"api\"\ntier=\"front\""));
        assertThat(sh("relabel", "c", "cat /etc/meta/annotations; echo; cat /etc/all/app"))
                .isEqualTo("owner=\"ops\"\napi");
        assertThat(sh("relabel", "c", "echo $APP")).as("env keeps the value of the container's start").isEqualTo("web\n");
        assertThat(status(node.get("relabel"), "c").getRestartCount()).isZero();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> node.pods().update(TestNode.NS, "relabel", JSON.writeValueAsBytes(live)))
                .as("a stale resourceVersion").hasMessageContaining("the object has been modified");
        meta.put("resourceVersion", "2");
        ((ObjectNode) live.at("/spec/containers/0")).putArray("command").add("sleep").add("10");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> node.pods().update(TestNode.NS, "relabel", JSON.writeValueAsBytes(live)))
                .hasMessage("Pod \"relabel\" is invalid: spec: Forbidden: " + dev.minipod.runtime.validate.PodUpdate.SPEC_FORBIDDEN);
        assertThat(node.get("relabel").getMetadata().getResourceVersion()).as("a refused update changes nothing").isEqualTo("2");
    }

    @Test
    void missingObjectsKeepThePodWaitingUntilTheyAppear() {
        node.create(pod("wait", """
                  containers:
                  - name: c
                    image: busybox
                    command: [sleep, "3600"]
                    volumeMounts: [{name: cfg, mountPath: /etc/cfg}]
                  - name: e
                    image: busybox
                    command: [sleep, "3600"]
                    envFrom: [{prefix: S_, secretRef: {name: later}}]
                  volumes:
                  - name: cfg
                    configMap: {name: later}
                """));
        node.await("wait", p -> events("wait").contains(
                "Warning FailedMount MountVolume.SetUp failed for volume \"cfg\" : configmap \"later\" not found"));
        assertThat(status(node.get("wait"), "c").getState().getWaiting().getReason()).isEqualTo("ContainerCreating");
        configMap("later", Map.of("a", "1"));
        Pod p = node.await("wait", pod -> status(pod, "e").getState().getWaiting() != null
                && "CreateContainerConfigError".equals(status(pod, "e").getState().getWaiting().getReason()));
        assertThat(status(p, "e").getState().getWaiting().getMessage()).isEqualTo("secret \"later\" not found");
        assertThat(events("wait")).contains("Warning Failed Error: secret \"later\" not found");
        secret("later", Map.of("TOKEN", "t0k"));
        node.await("wait", allRunning());
        assertThat(sh("wait", "e", "echo $S_TOKEN")).isEqualTo("t0k\n");
        assertThat(sh("wait", "c", "cat /etc/cfg/a")).isEqualTo("1");
    }

    @Test
    void envComesFromObjectsFieldsAndResourcesAndExpandsInArgs() {
        configMap("cfg", Map.of("mode", "prod", "greeting", "hello"));
        secret("sec", Map.of("password", "s3cret"));
        node.create(pod("env", """
                  containers:
                  - name: c
                    image: busybox
                    command: [sh, -c]
                    args: ["echo '$(GREETING) $(CFG_mode) $$(GREETING) $(UNSET)'; sleep 3600"]
                    envFrom:
                    - {prefix: CFG_, configMapRef: {name: cfg}}
                    - {secretRef: {name: sec}}
                    env:
                    - {name: GREETING, valueFrom: {configMapKeyRef: {name: cfg, key: greeting}}}
                    - {name: COMBO, value: "$(CFG_mode)-$(APP)-$(password)"}
                    - {name: APP, valueFrom: {fieldRef: {fieldPath: "metadata.labels['app']"}}}
                    - {name: NOTE, valueFrom: {fieldRef: {fieldPath: "metadata.annotations['note']"}}}
                    - {name: NODE, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}
                    - {name: UID, valueFrom: {fieldRef: {fieldPath: metadata.uid}}}
                    - {name: CPU_M, valueFrom: {resourceFieldRef: {resource: limits.cpu, divisor: 1m}}}
                    - {name: OPT, valueFrom: {secretKeyRef: {name: sec, key: nope, optional: true}}}
                """));
        Pod p = node.await("env", allRunning());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !node.logs("env", "c", false).isEmpty());
        assertThat(node.logs("env", "c", false)).isEqualTo("hello prod $(GREETING) $(UNSET)\n");
        String env = sh("env", "c", "env | sort");
        assertThat(env).contains("CFG_mode=prod\n", "CFG_greeting=hello\n", "password=s3cret\n", "GREETING=hello\n",
                "COMBO=prod-$(APP)-s3cret\n", "APP=web\n", "NOTE=say \"hi\"\n", "NODE=testnode\n",
                "UID=" + p.getMetadata().getUid() + "\n", "CPU_M=" + Runtime.getRuntime().availableProcessors() * 1000 + "\n");
        assertThat(env).doesNotContain("OPT=");
    }

    @Test
    void hostPathTypesAreCheckedAndCreated() throws Exception {
        Path host = Files.createDirectories(node.dir().resolve("host"));
        Path file = Files.writeString(host.resolve("file"), "on-host");
        node.create(pod("hp", """
                  containers:
                  - name: c
                    image: busybox
                    command: [sleep, "3600"]
                    volumeMounts:
                    - {name: made, mountPath: /made}
                    - {name: madefile, mountPath: /madefile}
                    - {name: file, mountPath: /file, readOnly: true}
                    - {name: dev, mountPath: /null}
                  volumes:
                  - {name: made, hostPath: {path: HOST/made/dir, type: DirectoryOrCreate}}
                  - {name: madefile, hostPath: {path: HOST/made/file, type: FileOrCreate}}
                  - {name: file, hostPath: {path: HOST/file, type: File}}
                  - {name: dev, hostPath: {path: /dev/null, type: CharDevice}}
                """.replace("HOST", host.toString())));
        node.await("hp", allRunning());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(host.resolve("made/dir")))).isEqualTo("rwxr-xr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(host.resolve("made/file")))).isEqualTo("rw-r--r--");
        assertThat(sh("hp", "c", "cat /file; echo x > /made/f; echo y > /madefile; echo z > /null; stat -c %F /null")).isEqualTo("on-hostcharacter special file\n");
        assertThat(Files.readString(host.resolve("made/dir/f"))).isEqualTo("x\n");
        assertThat(Files.readString(host.resolve("made/file"))).isEqualTo("y\n");
        assertThat(node.exec("hp", "c", "sh", "-c", "echo w > /file").exitCode()).isNotZero();

        node.create(pod("wrong", """
                  containers:
                  - {name: c, image: busybox, command: [sleep, "3600"], volumeMounts: [{name: d, mountPath: /d}]}
                  volumes:
                  - {name: d, hostPath: {path: FILE, type: Directory}}
                """.replace("FILE", file.toString())));
        node.await("wrong", p -> events("wrong").contains("Warning FailedMount MountVolume.SetUp failed for volume \"d\" : "
                + "hostPath type check failed: " + file + " is not a directory"));
        assertThat(Files.readString(file)).isEqualTo("on-host");
    }

    @Test
    void subPathsAreBoundInsideTheVolumeAndEscapesRefused() throws Exception {
        node.create(pod("sub", """
                  initContainers:
                  - name: prep
                    image: busybox
                    command: [sh, -c, "mkdir -p /v/data/web && echo inside > /v/data/web/f && ln -s / /v/escape && ln -s data /v/alias"]
                    volumeMounts: [{name: v, mountPath: /v}]
                  containers:
                  - name: c
                    image: busybox
                    command: [sleep, "3600"]
                    env: [{name: POD, valueFrom: {fieldRef: {fieldPath: metadata.name}}}]
                    volumeMounts:
                    - {name: v, mountPath: /web, subPath: data/web}
                    - {name: v, mountPath: /alias, subPath: alias}
                    - {name: v, mountPath: /mine, subPathExpr: "pods/$(POD)"}
                  - name: evil
                    image: busybox
                    command: [sleep, "3600"]
                    volumeMounts: [{name: v, mountPath: /host, subPath: escape}]
                  volumes:
                  - {name: v, emptyDir: {}}
                """));
        Pod p = node.await("sub", pod -> status(pod, "evil").getState().getWaiting() != null
                && "CreateContainerConfigError".equals(status(pod, "evil").getState().getWaiting().getReason())
                && status(pod, "c").getState().getRunning() != null);
        assertThat(status(p, "evil").getState().getWaiting().getMessage())
                .isEqualTo("failed to prepare subPath for volumeMount \"v\" of container \"evil\"");
        assertThat(sh("sub", "c", "cat /web/f /alias/web/f; echo x > /mine/y; ls /alias")).isEqualTo("inside\ninside\nweb\n");
        String uid = p.getMetadata().getUid();
        assertThat(node.layout().emptyDir(uid, "v").resolve("pods/sub/y")).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(node.layout().emptyDir(uid, "v").resolve("pods/sub"))))
                .as("a created subPath dir gets the volume root's mode").isEqualTo("rwxrwxrwx");
    }

    @Test
    void claimsGateSchedulingAndMountTheBoundDirectory() throws Exception {
        ObjectNode claim = object("PersistentVolumeClaim", "data");
        ObjectNode spec = claim.putObject("spec").put("storageClassName", "");
        spec.putArray("accessModes").add("ReadWriteOnce");
        spec.putObject("resources").putObject("requests").put("storage", "100Mi");
        put(Kind.CLAIM, claim);
        node.create(pod("pvc", """
                  containers:
                  - {name: c, image: busybox, command: [sleep, "3600"], volumeMounts: [{name: d, mountPath: /data}, {name: ro, mountPath: /ro}]}
                  volumes:
                  - {name: d, persistentVolumeClaim: {claimName: data}}
                  - {name: ro, persistentVolumeClaim: {claimName: data, readOnly: true}}
                """));
        Pod p = node.get("pvc");
        assertThat(p.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(p.getStatus().getConditions()).singleElement().satisfies(c -> {
            assertThat(c.getType()).isEqualTo("PodScheduled");
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("Unschedulable");
            assertThat(c.getMessage()).isEqualTo(ObjectStore.UNBOUND_MESSAGE);
        });
        assertThat(p.getStatus().getContainerStatuses()).isNullOrEmpty();
        assertThat(events("pvc")).containsExactly("Warning FailedScheduling " + ObjectStore.UNBOUND_MESSAGE);

        Path pv = Files.createDirectories(node.dir().resolve("pv"));
        Files.writeString(pv.resolve("kept"), "from-before");
        ObjectNode volume = object("PersistentVolume", "pv-data");
        ObjectNode pvSpec = volume.putObject("spec").put("storageClassName", "");
        pvSpec.putObject("capacity").put("storage", "1Gi");
        pvSpec.putArray("accessModes").add("ReadWriteOnce");
        pvSpec.putObject("hostPath").put("path", pv.toString());
        node.objects().create(Kind.VOLUME, "", volume.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        node.await("pvc", allRunning());
        assertThat(events("pvc")).contains("Normal Scheduled Successfully assigned default/pvc to testnode");
        assertThat(sh("pvc", "c", "cat /data/kept; echo new > /data/new")).isEqualTo("from-before");
        assertThat(node.exec("pvc", "c", "sh", "-c", "echo x > /ro/x").exitCode()).isNotZero();
        node.delete("pvc", 0);
        assertThat(Files.readString(pv.resolve("new"))).as("claim data outlives the pod").isEqualTo("new\n");
    }

    @Test
    void fsGroupOwnsEmptyDirAndProjectedFiles() {
        configMap("cfg", Map.of("k", "v"));
        secret("sec", Map.of("pw", "p"));
        node.create(pod("fsg", """
                  securityContext: {fsGroup: 1234}
                  containers:
                  - name: c
                    image: busybox
                    command: [sleep, "3600"]
                    volumeMounts:
                    - {name: scratch, mountPath: /scratch}
                    - {name: cfg, mountPath: /cfg}
                    - {name: sec, mountPath: /sec}
                  volumes:
                  - {name: scratch, emptyDir: {}}
                  - {name: cfg, configMap: {name: cfg}}
                  - {name: sec, secret: {secretName: sec, defaultMode: 0400}}
                """));
        node.await("fsg", allRunning());
        assertThat(sh("fsg", "c", "stat -c '%g %a' /scratch; stat -L -c '%g %a' /cfg/k /sec/pw"))
                .isEqualTo("1234 2777\n1234 644\n1234 440\n");
        configMap("cfg", Map.of("k", "v2"));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> node.exec("fsg", "c", "cat", "/cfg/k").stdout().equals("v2"));
        assertThat(sh("fsg", "c", "stat -L -c '%g %a' /cfg/k")).as("a new version gets fsGroup too").isEqualTo("1234 644\n");
    }

    @Test
    void memoryEmptyDirIsATmpfsOfTheLimitSize() {
        node.create(pod("mem", """
                  containers:
                  - {name: c, image: busybox, command: [sleep, "3600"], volumeMounts: [{name: m, mountPath: /m}]}
                  volumes:
                  - {name: m, emptyDir: {medium: Memory, sizeLimit: 2Mi}}
                """));
        node.await("mem", allRunning());
        assertThat(sh("mem", "c", "grep ' /m ' /proc/mounts | cut -d' ' -f3; stat -c %a /m")).isEqualTo("tmpfs\n777\n");
        assertThat(sh("mem", "c", "df -k /m | tail -1 | awk '{print $2}'")).isEqualTo("2048\n");
    }
}
