package dev.minipod.runtime.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.minipod.runtime.MinipodException;

class HostPathVolumeTest {
    @TempDir
    Path dir;

    private static Path setUp(Path p, String type) {
        return HostPathVolume.setUp(new VolumePlan.HostPath("h", p.toString(), type));
    }

    private static void assertRefused(Path p, String type, String what) {
        assertThatThrownBy(() -> setUp(p, type)).isInstanceOfSatisfying(MinipodException.class, e -> {
            assertThat(e.reason()).isEqualTo("FailedMount");
            assertThat(e.getMessage()).isEqualTo("hostPath type check failed: " + p + " " + what);
        });
    }

    @Test
    void orCreateTypesCreateWithTheKubeletsModes() throws IOException {
        Path d = setUp(dir.resolve("a/b"), "DirectoryOrCreate");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(d))).isEqualTo("rwxr-xr-x");
        Path f = setUp(dir.resolve("c/f"), "FileOrCreate");
        assertThat(Files.isRegularFile(f)).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-r--r--");
        assertThat(Files.isDirectory(setUp(dir.resolve("untyped"), ""))).as("like containerd: a missing path becomes a dir").isTrue();
    }

    @Test
    void eachTypeRefusesTheOtherKinds() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertRefused(file, "Directory", "is not a directory");
        assertRefused(file, "DirectoryOrCreate", "is not a directory");
        assertRefused(dir, "File", "is not a file");
        assertRefused(dir, "FileOrCreate", "is not a file");
        assertRefused(dir.resolve("none"), "Directory", "is not a directory");
        assertRefused(file, "Socket", "is not a socket file");
        assertRefused(file, "CharDevice", "is not a character device");
        assertRefused(Path.of("/dev/null"), "BlockDevice", "is not a block device");
        assertThat(setUp(Path.of("/dev/null"), "CharDevice")).isEqualTo(Path.of("/dev/null"));
        assertThat(setUp(file, "File")).isEqualTo(file);
    }

    @Test
    void aSocketIsASocket() throws IOException {
        Path sock = dir.resolve("s.sock");
        try (ServerSocketChannel ch = ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            ch.bind(UnixDomainSocketAddress.of(sock));
            assertThat(setUp(sock, "Socket")).isEqualTo(sock);
            assertRefused(sock, "File", "is not a file");
        }
    }
}
