package dev.minipod.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.minipod.runtime.daemon.Daemon;
import dev.minipod.runtime.daemon.DaemonOptions;
import dev.minipod.runtime.linux.MountInfo;
import dev.minipod.runtime.objects.Kind;
import dev.minipod.runtime.state.Dirs;

/**
 * Secret values live only on the tmpfs under the run root: /proc/mounts shows it, no file under the
 * persistent root holds a value, a restarted daemon still serves them, and the wipe path unmounts it.
 * Needs root (mount).
 */
@Tag("root")
class ObjectStorageIT {
    private static final String VALUE = "correct-horse-battery-staple-7f3a";

    private Path dir;
    private Daemon daemon;

    @AfterEach
    void cleanup() {
        if (daemon != null) daemon.closeAndWipe();
        if (dir != null) {
            assertThat(MountInfo.under(dir)).as("the secrets tmpfs is gone").isEmpty();
            TestNetwork.of(dir).close(); // its test subnet reservation (no pod ran: no bridge)
            Dirs.deleteTree(dir);
        }
    }

    private static byte[] bytes(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    @Test
    void secretValuesStayOnTheTmpfsAndSurviveADaemonRestart() throws Exception {
        dir = Files.createTempDirectory("minipod-it-obj-");
        DaemonOptions o = TestNode.options(dir);
        daemon = Daemon.start(o);
        Path secrets = o.layout().secretsDir();
        assertThat(MountInfo.isMountPoint(secrets)).as("mounted only once a Secret is written").isFalse();

        daemon.objects().create(Kind.SECRET, "default", bytes("{\"metadata\":{\"name\":\"db\"},\"stringData\":{\"password\":\"" + VALUE + "\"}}"));
        daemon.objects().create(Kind.CONFIG_MAP, "default", bytes("{\"metadata\":{\"name\":\"app\"},\"data\":{\"mode\":\"prod\"}}"));
        daemon.objects().create(Kind.CLAIM, "default", bytes("{\"metadata\":{\"name\":\"data\"},\"spec\":{\"accessModes\":[\"ReadWriteOnce\"],"
                + "\"resources\":{\"requests\":{\"storage\":\"1Mi\"}}}}"));

        List<String> mount = Files.readAllLines(Path.of("/proc/mounts")).stream()
                .filter(l -> l.split(" ")[1].equals(secrets.toString())).toList();
        assertThat(mount).hasSize(1);
        assertThat(mount.get(0).split(" ")[2]).isEqualTo("tmpfs");
        assertThat(mount.get(0)).contains("nosuid", "nodev", "noexec", "mode=700");
        assertThat(filesContaining(o.layout().root(), VALUE)).as("files under the persistent root with the value").isEmpty();
        assertThat(filesContaining(o.layout().root(), java.util.Base64.getEncoder().encodeToString(bytes(VALUE)))).isEmpty();
        assertThat(filesContaining(secrets, java.util.Base64.getEncoder().encodeToString(bytes(VALUE)))).hasSize(1);

        daemon.close();
        daemon = Daemon.start(o);
        assertThat(MountInfo.isMountPoint(secrets)).as("the tmpfs outlives the daemon").isTrue();
        assertThat(daemon.objects().secret("default", "db")).get()
                .extracting(s -> new String(java.util.Base64.getDecoder().decode(s.getData().get("password")), StandardCharsets.UTF_8))
                .isEqualTo(VALUE);
        assertThat(daemon.objects().configMap("default", "app")).get().extracting(c -> c.getData().get("mode")).isEqualTo("prod");
        Path volume = daemon.objects().claim("default", "data").hostPath();
        assertThat(volume).isDirectory().startsWith(o.layout().localPathDir());
        daemon.objects().delete(Kind.CLAIM, "default", "data");
        assertThat(volume).as("the Delete policy removes a provisioned directory").doesNotExist();

        daemon.closeAndWipe();
        daemon = null;
        assertThat(MountInfo.isMountPoint(secrets)).isFalse();
        assertThat(secrets).doesNotExist();
    }

    private static List<Path> filesContaining(Path root, String needle) throws IOException {
        if (!Files.exists(root)) return List.of();
        byte[] n = bytes(needle);
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).filter(f -> contains(f, n)).toList();
        }
    }

    private static boolean contains(Path f, byte[] needle) {
        try {
            byte[] b = Files.readAllBytes(f);
            outer:
            for (int i = 0; i + needle.length <= b.length; i++) {
                for (int j = 0; j < needle.length; j++) if (b[i + j] != needle[j]) continue outer;
                return true;
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
