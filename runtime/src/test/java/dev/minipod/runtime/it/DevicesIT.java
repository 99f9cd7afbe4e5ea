package dev.minipod.runtime.it;

import static dev.minipod.runtime.it.TestNode.allRunning;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.minipod.runtime.security.DeviceRules;

/**
 * The devices cgroup: a container holding CAP_MKNOD (a default capability) may create a node for
 * a host block device but not open it; the standard nodes work; privileged containers open it.
 * Needs root and a v1 devices hierarchy (v2 is DeviceProgramIT).
 */
@Tag("root")
class DevicesIT {
    private TestNode node;
    private String disk;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/sys/fs/cgroup/devices")), "no v1 devices hierarchy on this host");
        disk = openableBlockDevice();
        node = TestNode.start();
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    /**
     * "MAJOR MINOR" of a host block device the host itself can open: the root disk when allowed,
     * else another one. (This machine's own sandbox denies /dev/vda even to root on the host, so
     * it would prove nothing; an unattached loop device opens and reads 0 bytes.)
     */
    static String openableBlockDevice() throws IOException {
        List<String> candidates = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] f = line.split(" ");
            if (f[4].equals("/")) {
                candidates.add(f[2]);
            }
        }
        try (Stream<Path> all = Files.list(Path.of("/sys/dev/block"))) {
            all.map(p -> p.getFileName().toString()).sorted().forEach(candidates::add);
        }
        for (String majMin : candidates) {
            Optional<Path> dev = devPath(majMin.replace(':', ' '));
            if (dev.isPresent() && opens(dev.get())) {
                return majMin.replace(':', ' ');
            }
        }
        assumeTrue(false, "no host block device opens for reading here");
        return null;
    }

    /** The host's /dev node of a block device given as "MAJOR MINOR". */
    static Optional<Path> devPath(String majorMinor) throws IOException {
        Path uevent = Path.of("/sys/dev/block", majorMinor.replace(' ', ':'), "uevent");
        return !Files.exists(uevent) ? Optional.empty() : Files.readAllLines(uevent).stream()
                .filter(l -> l.startsWith("DEVNAME=")).map(l -> Path.of("/dev", l.substring(8))).findFirst();
    }

    private static boolean opens(Path dev) {
        try (FileChannel ch = FileChannel.open(dev, StandardOpenOption.READ)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String pod(String name, String containerExtra) {
        return "apiVersion: v1\nkind: Pod\nmetadata:\n  name: " + name + "\nspec:\n  containers:\n"
                + "  - name: c\n    image: busybox\n"
                // the main process tries first: it must be confined as well as exec'd processes
                + "    command: [sh, -c, 'mknod /tmp/main b " + disk + "; head -c1 /tmp/main >/dev/null 2>/tmp/main.err; sleep 3600']\n"
                + containerExtra;
    }

    @Test
    void defaultContainerMayMknodAHostDiskButNotOpenIt() throws IOException {
        node.create(pod("plain", ""));
        node.await("plain", allRunning());
        assertThat(node.exec("plain", "c", "cat", "/tmp/main.err").stdout()).contains("Operation not permitted");

        TestNode.ExecResult mknod = node.exec("plain", "c", "mknod", "/tmp/x", "b", disk.split(" ")[0], disk.split(" ")[1]);
        assertThat(mknod.exitCode()).as("mknod of any node is allowed (b *:* m): %s", mknod.stderr()).isZero();
        TestNode.ExecResult open = node.exec("plain", "c", "head", "-c1", "/tmp/x");
        assertThat(open.exitCode()).as("an exec'd process is in the container's devices cgroup").isNotZero();
        assertThat(open.stderr()).contains("Operation not permitted");

        TestNode.ExecResult std = node.exec("plain", "c", "sh", "-c",
                "echo x > /dev/null && head -c4 /dev/zero | wc -c && head -c4 /dev/urandom | wc -c && ls /dev/pts >/dev/null"
                        + " && exec 3<>/dev/ptmx && echo ptmx");
        assertThat(std.stdout()).as(std.stderr()).isEqualTo("4\n4\nptmx\n");
        TestNode.ExecResult tty = node.exec("plain", "c", "sh", "-c", "echo > /dev/tty");
        assertThat(tty.stderr()).as("/dev/tty opens as far as the missing controlling terminal (ENXIO), not EPERM")
                .doesNotContain("Operation not permitted").contains("No such device or address");

        Path leaf = containerCgroup("plain");
        assertThat(Files.readAllLines(leaf.resolve("devices.list"))).as("the kernel's view of the rules")
                .containsExactlyInAnyOrderElementsOf(DeviceRules.DEFAULT);
        assertThat(Files.readAllLines(leaf.getParent().resolve("sandbox_/devices.list"))).as("pause's leaf")
                .containsExactlyInAnyOrderElementsOf(DeviceRules.DEFAULT);
        assertThat(Files.readString(leaf.getParent().resolve("devices.list")).trim()).as("parents keep everything")
                .isEqualTo("a *:* rwm");
    }

    @Test
    void privilegedContainerOpensAHostDisk() throws IOException {
        node.create(pod("priv", "    securityContext: {privileged: true}\n"));
        node.await("priv", allRunning());
        assertThat(node.exec("priv", "c", "cat", "/tmp/main.err").stdout()).isEmpty();
        node.exec("priv", "c", "mknod", "/tmp/x", "b", disk.split(" ")[0], disk.split(" ")[1]);
        TestNode.ExecResult read = node.exec("priv", "c", "head", "-c1", "/tmp/x"); // read only, never write
        assertThat(read.exitCode()).as(read.stderr()).isZero();
        assertThat(Files.readString(containerCgroup("priv").resolve("devices.list")).trim()).isEqualTo("a *:* rwm");
    }

    /** The container c's v1 devices cgroup (BestEffort pod). */
    private Path containerCgroup(String pod) {
        String uid = node.get(pod).getMetadata().getUid();
        Path leaf = Path.of("/sys/fs/cgroup/devices", "minipod-it-" + node.dir().getFileName(), "kubepods/besteffort",
                "pod" + uid, "c");
        assertThat(leaf).isDirectory();
        return leaf;
    }
}
