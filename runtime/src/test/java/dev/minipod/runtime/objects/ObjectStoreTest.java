package dev.minipod.runtime.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.minipod.runtime.MinipodException;
import dev.minipod.runtime.state.Layout;
import dev.minipod.runtime.validate.InvalidPodException;

class ObjectStoreTest {
    @TempDir Path dir;
    private Layout layout;
    private ObjectStore store;
    private final AtomicInteger secretMounts = new AtomicInteger();
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    @BeforeEach
    void open() {
        layout = new Layout(dir.resolve("root"), dir.resolve("run"), dir.resolve("log"));
        store = new ObjectStore(layout, clock, secretMounts::incrementAndGet);
    }

    private ObjectNode create(Kind kind, String json) {
        return store.create(kind, "default", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void configMapGetsServerFieldsAndIsPersistedAndReloaded() {
        ObjectNode cm = create(Kind.CONFIG_MAP, "{\"metadata\":{\"name\":\"app\"},\"data\":{\"a.conf\":\"x=1\"}}");
        assertThat(cm.path("metadata").path("uid").asText()).hasSize(36);
        assertThat(cm.path("metadata").path("creationTimestamp").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(cm.path("metadata").path("namespace").asText()).isEqualTo("default");
        assertThat(cm.path("kind").asText()).isEqualTo("ConfigMap");
        long rv = cm.path("metadata").path("resourceVersion").asLong();
        ObjectNode replaced = store.replace(Kind.CONFIG_MAP, "default", "app",
                "{\"metadata\":{\"name\":\"app\"},\"data\":{\"a.conf\":\"x=2\"}}".getBytes(StandardCharsets.UTF_8));
        assertThat(replaced.path("metadata").path("resourceVersion").asLong()).isGreaterThan(rv);
        assertThat(replaced.path("metadata").path("uid")).isEqualTo(cm.path("metadata").path("uid"));
        assertThat(Files.exists(layout.objectsDir().resolve("configmaps/default/app.json"))).isTrue();

        ObjectStore reopened = new ObjectStore(layout, clock, () -> { });
        assertThat(reopened.configMap("default", "app")).get().extracting(c -> c.getData().get("a.conf")).isEqualTo("x=2");
        ObjectNode next = reopened.create(Kind.CONFIG_MAP, "default", "{\"metadata\":{\"name\":\"b\"}}".getBytes(StandardCharsets.UTF_8));
        assertThat(next.path("metadata").path("resourceVersion").asLong()).isGreaterThan(replaced.path("metadata").path("resourceVersion").asLong());
    }

    @Test
    void badKeysAndOverlapAreRefusedWithTheApiserversMessages() {
        assertThatThrownBy(() -> create(Kind.CONFIG_MAP,
                "{\"metadata\":{\"name\":\"bad\"},\"data\":{\"a b\":\"1\",\"dup\":\"x\",\"..x\":\"y\"},\"binaryData\":{\"dup\":\"eA==\"}}"))
                .isInstanceOf(InvalidPodException.class)
                .hasMessageContaining("ConfigMap \"bad\" is invalid: [")
                .hasMessageContaining("data[a b]: Invalid value: \"a b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.'"
                        + " (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')")
                .hasMessageContaining("data[dup]: Invalid value: \"dup\": duplicate of key present in binaryData")
                .hasMessageContaining("data[..x]: Invalid value: \"..x\": must not start with '..'");
        assertThat(store.configMap("default", "bad")).isEmpty();
        assertThatThrownBy(() -> store.create(Kind.CONFIG_MAP, "..", "{\"metadata\":{\"name\":\"x\"}}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("ConfigMap \"x\" is invalid: metadata.namespace: Invalid value: \"..\"");
        assertThat(layout.objectsDir().resolve("configmaps/x.json")).doesNotExist();
    }

    @Test
    void secretStringDataIsFoldedIntoDataAndValuesGoOnlyToTheSecretStorage() {
        ObjectNode s = create(Kind.SECRET, "{\"metadata\":{\"name\":\"db\"},\"data\":{\"user\":\"YWRtaW4=\"},\"stringData\":{\"pass\":\"s3cr3t\"}}");
        assertThat(s.has("stringData")).isFalse();
        assertThat(s.path("type").asText()).isEqualTo("Opaque");
        assertThat(new String(Base64.getDecoder().decode(s.path("data").path("pass").asText()))).isEqualTo("s3cr3t");
        assertThat(secretMounts.get()).isPositive();
        assertThat(Files.exists(layout.secretsDir().resolve("default/db.json"))).isTrue();
        assertThat(Files.exists(layout.objectsDir().resolve("secrets"))).isFalse();
        assertThat(store.secret("default", "db")).get().extracting(x -> x.getData().get("user")).isEqualTo("YWRtaW4=");
        ObjectNode wrapped = create(Kind.SECRET, "{\"metadata\":{\"name\":\"wrapped\"},\"data\":{\"k\":\"YWJj\\nZGVm\"}}");
        assertThat(wrapped.path("data").path("k").asText()).as("line breaks dropped, as Go decodes []byte").isEqualTo("YWJjZGVm");
    }

    @Test
    void secretBase64SizeAndTypeRules() {
        assertThatThrownBy(() -> create(Kind.SECRET, "{\"metadata\":{\"name\":\"x\"},\"data\":{\"k\":\"not*base64\"}}"))
                .isInstanceOf(MinipodException.class).extracting(e -> ((MinipodException) e).reason()).isEqualTo("BadRequest");
        String big = Base64.getEncoder().encodeToString(new byte[DataChecks.MAX_SIZE + 1]);
        assertThatThrownBy(() -> create(Kind.SECRET, "{\"metadata\":{\"name\":\"big\"},\"data\":{\"k\":\"" + big + "\"}}"))
                .hasMessage("Secret \"big\" is invalid: data: Too long: may not be more than 1048576 bytes");
        assertThatThrownBy(() -> create(Kind.SECRET, "{\"metadata\":{\"name\":\"t\"},\"type\":\"kubernetes.io/tls\",\"data\":{\"tls.crt\":\"eA==\"}}"))
                .hasMessage("Secret \"t\" is invalid: data[tls.key]: Required value");
        create(Kind.SECRET, "{\"metadata\":{\"name\":\"custom\"},\"type\":\"example.com/thing\"}");
        assertThatThrownBy(() -> store.replace(Kind.SECRET, "default", "custom",
                "{\"metadata\":{\"name\":\"custom\"},\"type\":\"Opaque\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("Secret \"custom\" is invalid: type: Invalid value: \"Opaque\": field is immutable");
    }

    @Test
    void createTwiceConflictsAndMissingIsNotFound() {
        create(Kind.CONFIG_MAP, "{\"metadata\":{\"name\":\"a\"}}");
        assertThatThrownBy(() -> create(Kind.CONFIG_MAP, "{\"metadata\":{\"name\":\"a\"}}"))
                .hasMessage("configmaps \"a\" already exists");
        assertThatThrownBy(() -> store.get(Kind.SECRET, "default", "nope")).hasMessage("secrets \"nope\" not found");
        assertThatThrownBy(() -> store.delete(Kind.CONFIG_MAP, "default", "nope")).hasMessage("configmaps \"nope\" not found");
    }

    @Test
    void listenersFireOnEveryChange() {
        AtomicInteger calls = new AtomicInteger();
        store.addListener(calls::incrementAndGet);
        create(Kind.CONFIG_MAP, "{\"metadata\":{\"name\":\"a\"}}");
        store.replace(Kind.CONFIG_MAP, "default", "a", "{\"metadata\":{\"name\":\"a\"},\"data\":{\"k\":\"v\"}}".getBytes(StandardCharsets.UTF_8));
        store.delete(Kind.CONFIG_MAP, "default", "a");
        assertThat(calls.get()).isEqualTo(3);
    }

    @Test
    void theBuiltInClassIsTheDefaultAndProvisionsAndDeletesADirectory() {
        assertThat(store.get(Kind.STORAGE_CLASS, null, "local-path").path("provisioner").asText()).isEqualTo(ClaimBinder.PROVISIONER);
        ObjectNode pvc = create(Kind.CLAIM, claim("data", "1Gi", null));
        assertThat(pvc.path("spec").path("storageClassName").asText()).isEqualTo("local-path");
        assertThat(pvc.path("status").path("phase").asText()).isEqualTo("Bound");
        ClaimBinding b = store.claim("default", "data");
        assertThat(b.state()).isEqualTo(ClaimBinding.State.BOUND);
        assertThat(b.hostPath()).startsWith(layout.localPathDir()).isDirectory();
        ObjectNode pv = store.get(Kind.VOLUME, null, pvc.path("spec").path("volumeName").asText());
        assertThat(pv.path("spec").path("persistentVolumeReclaimPolicy").asText()).isEqualTo("Delete");
        assertThat(pv.path("status").path("phase").asText()).isEqualTo("Bound");

        store.delete(Kind.CLAIM, "default", "data");
        assertThat(b.hostPath()).doesNotExist();
        assertThat(store.list(Kind.VOLUME, null).path("items")).isEmpty();
        assertThat(store.claim("default", "data").state()).isEqualTo(ClaimBinding.State.MISSING);
    }

    @Test
    void aClaimInUseIsOnlyMarkedForDeletionUntilItsLastPodIsGone() {
        java.util.Map<String, java.util.Set<String>> users = new java.util.HashMap<>(java.util.Map.of("data", java.util.Set.of("pod-1")));
        store.protectClaims((ns, claim) -> users.getOrDefault(claim, java.util.Set.of()));
        ObjectNode pvc = create(Kind.CLAIM, claim("data", "1Gi", null));
        assertThat(pvc.path("metadata").path("finalizers").get(0).asText()).isEqualTo("kubernetes.io/pvc-protection");
        Path dir = store.claim("default", "data").hostPath();

        ObjectNode held = store.delete(Kind.CLAIM, "default", "data");
        assertThat(held.path("metadata").path("deletionTimestamp").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(store.claim("default", "data").state()).as("its pods keep the volume").isEqualTo(ClaimBinding.State.BOUND);
        assertThat(dir).isDirectory();
        store.podGone("another-pod");
        assertThat(store.claim("default", "data").state()).isEqualTo(ClaimBinding.State.BOUND);

        store.podGone("pod-1");
        assertThat(store.claim("default", "data").state()).isEqualTo(ClaimBinding.State.MISSING);
        assertThat(dir).doesNotExist();
    }

    @Test
    void staticBindingPicksTheSmallestFittingVolumeAndRetainReleasesIt() {
        create(Kind.VOLUME, volume("big", "10Gi", "Retain", "/tmp/minipod-test-big"));
        create(Kind.VOLUME, volume("small", "2Gi", "Retain", "/tmp/minipod-test-small"));
        create(Kind.VOLUME, volume("tiny", "500Mi", "Retain", "/tmp/minipod-test-tiny"));
        ObjectNode pvc = create(Kind.CLAIM, claim("c", "1Gi", ""));
        assertThat(pvc.path("spec").path("volumeName").asText()).isEqualTo("small");
        assertThat(pvc.path("status").path("capacity").path("storage").asText()).isEqualTo("2Gi");
        assertThat(store.get(Kind.VOLUME, null, "small").path("spec").path("claimRef").path("name").asText()).isEqualTo("c");
        assertThat(store.get(Kind.VOLUME, null, "big").path("status").path("phase").asText()).isEqualTo("Available");

        store.delete(Kind.CLAIM, "default", "c");
        assertThat(store.get(Kind.VOLUME, null, "small").path("status").path("phase").asText()).isEqualTo("Released");
        ObjectNode again = create(Kind.CLAIM, claim("c", "1Gi", ""));
        assertThat(again.path("spec").path("volumeName").asText()).as("a Released volume is not reused").isEqualTo("big");
    }

    @Test
    void aVolumePreBoundToAClaimWaitsForThatClaim() {
        create(Kind.VOLUME, volume("reserved", "1Gi", "Retain", "/tmp/minipod-test-reserved")
                .replace("\"hostPath\"", "\"claimRef\":{\"namespace\":\"default\",\"name\":\"later\"},\"hostPath\""));
        create(Kind.VOLUME, volume("spare", "5Gi", "Retain", "/tmp/minipod-test-spare"));
        assertThat(store.get(Kind.VOLUME, null, "reserved").path("status").path("phase").asText()).isEqualTo("Available");
        assertThat(create(Kind.CLAIM, claim("other", "1Gi", "")).path("spec").path("volumeName").asText()).isEqualTo("spare");
        assertThat(create(Kind.CLAIM, claim("later", "1Gi", "")).path("spec").path("volumeName").asText()).isEqualTo("reserved");
    }

    @Test
    void aClaimNothingCanSatisfyStaysPendingWithTheSchedulersMessage() {
        create(Kind.VOLUME, volume("small", "1Gi", "Retain", "/tmp/minipod-test-small"));
        ObjectNode pvc = create(Kind.CLAIM, claim("huge", "100Gi", ""));
        assertThat(pvc.path("status").path("phase").asText()).isEqualTo("Pending");
        ClaimBinding b = store.claim("default", "huge");
        assertThat(b.state()).isEqualTo(ClaimBinding.State.PENDING);
        assertThat(b.message()).startsWith("0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims.");
        create(Kind.VOLUME, volume("large", "200Gi", "Retain", "/tmp/minipod-test-large"));
        assertThat(store.claim("default", "huge").state()).as("bound once a volume fits").isEqualTo(ClaimBinding.State.BOUND);
    }

    @Test
    void storageInputIsValidated() {
        assertThatThrownBy(() -> create(Kind.VOLUME, "{\"metadata\":{\"name\":\"n\"},\"spec\":{\"capacity\":{\"storage\":\"1Gi\"},"
                + "\"accessModes\":[\"ReadWriteOnce\"],\"nfs\":{\"server\":\"x\",\"path\":\"/\"}}}"))
                .hasMessage("PersistentVolume \"n\" is invalid: spec.nfs: Forbidden: minipod supports only hostPath and local persistent volumes");
        assertThatThrownBy(() -> create(Kind.CLAIM, "{\"metadata\":{\"name\":\"c\"},\"spec\":{}}"))
                .hasMessage("PersistentVolumeClaim \"c\" is invalid: [spec.accessModes: Required value: at least 1 access mode is required,"
                        + " spec.resources[storage]: Required value]");
        create(Kind.CLAIM, claim("fixed", "1Gi", null));
        assertThatThrownBy(() -> store.replace(Kind.CLAIM, "default", "fixed",
                claim("fixed", "1Gi", "other").getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("spec: Forbidden: spec is immutable after creation");
        store.replace(Kind.CLAIM, "default", "fixed", claim("fixed", "1Gi", null).getBytes(StandardCharsets.UTF_8));
        assertThat(store.claim("default", "fixed").state()).isEqualTo(ClaimBinding.State.BOUND);
    }

    static String claim(String name, String size, String cls) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"PersistentVolumeClaim\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{"
                + (cls == null ? "" : "\"storageClassName\":\"" + cls + "\",")
                + "\"accessModes\":[\"ReadWriteOnce\"],\"resources\":{\"requests\":{\"storage\":\"" + size + "\"}}}}";
    }

    static String volume(String name, String size, String policy, String path) {
        return "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"capacity\":{\"storage\":\"" + size + "\"},"
                + "\"accessModes\":[\"ReadWriteOnce\"],\"persistentVolumeReclaimPolicy\":\"" + policy + "\","
                + "\"hostPath\":{\"path\":\"" + path + "\"}}}";
    }
}
