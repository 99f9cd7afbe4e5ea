package dev.minipod.runtime.image;

import dev.minipod.runtime.MinipodException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LayerUnpackerTest {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    @TempDir
    Path tmp;

    private final RecordingLayerFs fs = new RecordingLayerFs();

    private LayerUnpacker.Result unpack(byte[] blob, Path target) throws IOException {
        return new LayerUnpacker(fs, false).unpack(new ByteArrayInputStream(blob), "sha256:test", MediaTypes.OCI_LAYER_GZIP, target);
    }

    private static int mode(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:mode", NOFOLLOW) & 07777;
    }

    @Test
    void extractsFilesDirsLinksWithModesAndTimes() throws IOException {
        TarBuilder tar = new TarBuilder()
                .dir("./", 0755)
                .dir("bin", 0755)
                .file("bin/tool", "#!/bin/sh\n", 04755)
                .hardlink("bin/tool2", "bin/tool")
                .symlink("bin/sh", "/no/such/busybox")
                .symlink("rel", "../outside/is/just/a/value")
                .dir("ro", 0555)
                .file("ro/inside", "x")
                .file("implicit/parent/file", "deep");
        Path target = tmp.resolve("layer");

        LayerUnpacker.Result result = unpack(tar.tarGz(), target);

        assertThat(result.entries()).isEqualTo(9);
        assertThat(result.diffId()).isEqualTo(Digest.of(tar.tar()));
        assertThat(result.skipped()).isEmpty();
        assertThat(Files.readString(target.resolve("bin/tool"))).isEqualTo("#!/bin/sh\n");
        assertThat(mode(target.resolve("bin/tool"))).isEqualTo(04755);
        assertThat(Files.isSameFile(target.resolve("bin/tool"), target.resolve("bin/tool2"))).isTrue();
        assertThat(Files.readSymbolicLink(target.resolve("bin/sh"))).hasToString("/no/such/busybox");
        assertThat(Files.readSymbolicLink(target.resolve("rel"))).hasToString("../outside/is/just/a/value");
        assertThat(mode(target.resolve("ro"))).isEqualTo(0555);
        assertThat(Files.readString(target.resolve("ro/inside"))).isEqualTo("x");
        assertThat(Files.readString(target.resolve("implicit/parent/file"))).isEqualTo("deep");
        FileTime mtime = FileTime.fromMillis(1_000_000_000L * 1000);
        assertThat(Files.getLastModifiedTime(target.resolve("ro"))).isEqualTo(mtime);
        assertThat(Files.getLastModifiedTime(target.resolve("bin"))).isEqualTo(mtime);
        assertThat(Files.getLastModifiedTime(target.resolve("bin/sh"), NOFOLLOW)).isEqualTo(mtime);
        assertThat(fs.calls()).isEmpty();
    }

    @Test
    void readsUncompressedTarsToo() throws IOException {
        TarBuilder tar = new TarBuilder().file("a", "plain");
        Path target = tmp.resolve("layer");
        LayerUnpacker.Result result = unpack(tar.tar(), target);
        assertThat(Files.readString(target.resolve("a"))).isEqualTo("plain");
        assertThat(result.diffId()).isEqualTo(Digest.of(tar.tar()));
    }

    @Test
    void whiteoutsAndOpaqueDirsGoThroughLayerFs() throws IOException {
        TarBuilder tar = new TarBuilder()
                .dir("etc", 0755)
                .file("etc/.wh.passwd", "")
                .dir("opt/data", 0755)
                .file("opt/data/.wh..wh..opq", "")
                .file("opt/data/new.txt", "new")
                .file(".wh.gone-dir", "")
                .file("x/.wh..wh.plnk", "");
        Path target = tmp.resolve("layer");

        LayerUnpacker.Result result = unpack(tar.tarGz(), target);

        assertThat(fs.describe(target)).containsExactly(
                "whiteout etc/passwd", "opaque opt/data", "whiteout gone-dir");
        assertThat(target.resolve("etc/.wh.passwd")).doesNotExist();
        assertThat(target.resolve("opt/data/.wh..wh..opq")).doesNotExist();
        assertThat(target.resolve("etc/passwd")).exists(); // the fake's marker
        assertThat(Files.readString(target.resolve("opt/data/new.txt"))).isEqualTo("new");
        assertThat(result.skipped()).singleElement().asString().contains("x/.wh..wh.plnk");
    }

    @Test
    void refusesEntriesThatClimbOutOfTheLayer() {
        Path target = tmp.resolve("layer");
        byte[] blob = new TarBuilder().file("ok", "fine").file("../etc/passwd", "root::0:0::/:/bin/sh\n").tarGz();

        assertThatThrownBy(() -> unpack(blob, target))
                .isInstanceOf(MinipodException.class)
                .hasMessage("layer sha256:test: entry `../etc/passwd` escapes the layer")
                .extracting(e -> ((MinipodException) e).exitCode()).isEqualTo(2);
        assertThat(target).doesNotExist();
        assertThat(tmp.resolve("etc")).doesNotExist();
    }

    @Test
    void refusesDotDotHiddenInTheMiddleAndAbsoluteNames() {
        Path target = tmp.resolve("layer");
        assertThatThrownBy(() -> unpack(new TarBuilder().file("a/../../x", "x").tarGz(), target))
                .hasMessageContaining("entry `a/../../x` escapes the layer");
        assertThat(target).doesNotExist();
        assertThatThrownBy(() -> unpack(new TarBuilder().file("/etc/passwd", "x").tarGz(), target))
                .hasMessageContaining("entry `/etc/passwd` is an absolute path");
        assertThat(target).doesNotExist();
        assertThatThrownBy(() -> unpack(new TarBuilder().file("etc/.wh...", "").tarGz(), target))
                .hasMessageContaining("whiteout entry `etc/.wh...` names no file");
        assertThat(target).doesNotExist();
    }

    @Test
    void neverWritesThroughASymlinkedParent() throws IOException {
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Path target = tmp.resolve("layer");
        byte[] blob = new TarBuilder().symlink("link", outside.toString()).file("link/passwd", "pwned").tarGz();

        assertThatThrownBy(() -> unpack(blob, target))
                .isInstanceOf(MinipodException.class)
                .hasMessage("layer sha256:test: entry `link/passwd` passes through the symlink `link`");
        assertThat(target).doesNotExist();
        try (var list = Files.list(outside)) {
            assertThat(list).isEmpty();
        }
    }

    @Test
    void neverWhitesOutThroughASymlinkedParent() throws IOException {
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Path target = tmp.resolve("layer");
        byte[] blob = new TarBuilder().symlink("etc", outside.toString()).file("etc/.wh.passwd", "").tarGz();

        assertThatThrownBy(() -> unpack(blob, target)).hasMessageContaining("passes through the symlink `etc`");
        assertThat(fs.calls()).isEmpty();
        assertThat(target).doesNotExist();
    }

    @Test
    void refusesHardLinksOutOfTheLayer() throws IOException {
        Path secret = Files.writeString(tmp.resolve("secret"), "s");
        Path target = tmp.resolve("layer");

        assertThatThrownBy(() -> unpack(new TarBuilder().hardlink("h", "../secret").tarGz(), target))
                .hasMessage("layer sha256:test: hard link `h` -> `../secret` escapes the layer");
        assertThat(target).doesNotExist();

        byte[] viaSymlink = new TarBuilder().symlink("up", tmp.toString()).hardlink("h", "up/secret").tarGz();
        assertThatThrownBy(() -> unpack(viaSymlink, target))
                .hasMessageContaining("hard link `h` -> `up/secret` passes through the symlink `up`");
        assertThat(target).doesNotExist();

        assertThatThrownBy(() -> unpack(new TarBuilder().hardlink("h", "missing").tarGz(), target))
                .hasMessageContaining("hard link `h` -> `missing` does not name a file earlier in the layer");
        assertThat(target).doesNotExist();
        assertThat(Files.readString(secret)).isEqualTo("s");
    }

    @Test
    void laterEntriesReplaceEarlierOnesWithoutFollowingLinks() throws IOException {
        Path outside = Files.writeString(tmp.resolve("victim"), "keep");
        Path target = tmp.resolve("layer");
        unpack(new TarBuilder().symlink("f", outside.toString()).file("f", "mine").tarGz(), target);
        assertThat(Files.isSymbolicLink(target.resolve("f"))).isFalse();
        assertThat(Files.readString(target.resolve("f"))).isEqualTo("mine");
        assertThat(Files.readString(outside)).isEqualTo("keep");
    }

    @Test
    void skipsDevicesAndFifosWithANote() throws IOException {
        Path target = tmp.resolve("layer");
        LayerUnpacker.Result result = unpack(new TarBuilder().charDevice("dev/null", 1, 3).fifo("run/fifo").tarGz(), target);
        assertThat(result.skipped()).containsExactly(
                "`dev/null`: device 1:3 skipped (devices and fifos in layers are not supported)",
                "`run/fifo`: fifo skipped (devices and fifos in layers are not supported)");
        assertThat(target.resolve("dev/null")).doesNotExist();
    }

    @Test
    void refusesZstdWithAClearMessage() {
        Path target = tmp.resolve("layer");
        byte[] zstd = {(byte) 0x28, (byte) 0xb5, (byte) 0x2f, (byte) 0xfd, 0, 0, 0, 0};
        assertThatThrownBy(() -> new LayerUnpacker(fs, false).unpack(new ByteArrayInputStream(zstd), "sha256:test",
                MediaTypes.OCI_LAYER_ZSTD, target))
                .hasMessage("layer sha256:test: zstd compression (`application/vnd.oci.image.layer.v1.tar+zstd`) is not supported yet");
        assertThat(target).doesNotExist();
    }

    @Test
    void appliesNumericOwnersWhenRoot() throws IOException {
        Assumptions.assumeTrue(LayerUnpacker.runningAsRoot(), "chown needs root; running as an unprivileged user");
        Path target = tmp.resolve("layer");
        byte[] blob = new TarBuilder().dir("home/u", 0700).owned(1000, 1001)
                .file("home/u/f", "x", 0600).owned(1000, 1001)
                .symlink("home/u/l", "f").owned(1002, 1003).tarGz();
        new LayerUnpacker(fs, true).unpack(new ByteArrayInputStream(blob), "sha256:test", null, target);
        assertThat(Files.getAttribute(target.resolve("home/u"), "unix:uid", NOFOLLOW)).isEqualTo(1000);
        assertThat(Files.getAttribute(target.resolve("home/u/f"), "unix:gid", NOFOLLOW)).isEqualTo(1001);
        assertThat(Files.getAttribute(target.resolve("home/u/l"), "unix:uid", NOFOLLOW)).isEqualTo(1002);
        assertThat(Files.getAttribute(target.resolve("home"), "unix:uid", NOFOLLOW)).isEqualTo(0);
    }
}
