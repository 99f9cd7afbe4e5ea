package dev.minipod.runtime.rootfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minipod.runtime.MinipodException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafePathTest {
    @TempDir
    Path root;

    /** A name no host directory has, so a write that escapes the root is visible on the host. */
    String unique;

    @BeforeEach
    void name() {
        unique = "minipod-safepath-test-" + UUID.randomUUID();
    }

    private void link(String at, String target) throws IOException {
        Path p = root.resolve(at.substring(1));
        Files.createDirectories(p.getParent());
        Files.createSymbolicLink(p, Path.of(target));
    }

    @Test
    void plainPathIsJoinedUnderTheRootWithoutNeedingToExist() {
        assertThat(SafePath.resolve(root, "/usr/local/bin")).isEqualTo(root.resolve("usr/local/bin"));
        assertThat(SafePath.resolve(root, "usr/bin")).isEqualTo(root.resolve("usr/bin"));
    }

    @Test
    void emptyDotAndRepeatedSlashesAreIgnored() {
        assertThat(SafePath.resolve(root, "/")).isEqualTo(root);
        assertThat(SafePath.resolve(root, "")).isEqualTo(root);
        assertThat(SafePath.resolve(root, "//a/./b//.//c/")).isEqualTo(root.resolve("a/b/c"));
    }

    @Test
    void dotDotNeverClimbsAboveTheRoot() {
        assertThat(SafePath.resolve(root, "/../../../etc/passwd")).isEqualTo(root.resolve("etc/passwd"));
        assertThat(SafePath.resolve(root, "a/../../b")).isEqualTo(root.resolve("b"));
        assertThat(SafePath.resolve(root, "/a/b/../c")).isEqualTo(root.resolve("a/c"));
        assertThat(SafePath.resolve(root, "..")).isEqualTo(root);
    }

    @Test
    void absoluteSymlinkIsResolvedInsideTheRoot() throws IOException {
        link("/lib64", "/usr/lib");
        assertThat(SafePath.resolve(root, "/lib64/ld.so")).isEqualTo(root.resolve("usr/lib/ld.so"));
    }

    @Test
    void relativeSymlinkIsResolvedFromItsOwnDirectory() throws IOException {
        link("/a/b/link", "../c");
        assertThat(SafePath.resolve(root, "/a/b/link/file")).isEqualTo(root.resolve("a/c/file"));
    }

    @Test
    void relativeSymlinkWithTooManyDotDotsStaysInsideTheRoot() throws IOException {
        link("/a/up", "../../../../../../etc");
        assertThat(SafePath.resolve(root, "/a/up/shadow")).isEqualTo(root.resolve("etc/shadow"));
    }

    @Test
    void symlinkToSlashIsTheRoot() throws IOException {
        link("/top", "/");
        assertThat(SafePath.resolve(root, "/top/top/etc")).isEqualTo(root.resolve("etc"));
    }

    @Test
    void dotDotAfterASymlinkAppliesToTheLinkTarget() throws IOException {
        link("/x", "/deep/inside/dir");
        assertThat(SafePath.resolve(root, "/x/../other")).isEqualTo(root.resolve("deep/inside/other"));
    }

    @Test
    void chainedSymlinksAreFollowedAndTheLastOneMayDangle() throws IOException {
        link("/one", "two");
        link("/two", "/three/x");
        link("/three/x", "/final/target");
        assertThat(SafePath.resolve(root, "/one")).isEqualTo(root.resolve("final/target"));
        assertThat(Files.exists(root.resolve("final"))).isFalse();
    }

    @Test
    void symlinkLoopIsRefused() throws IOException {
        link("/a", "b");
        link("/b", "/a");
        assertThatThrownBy(() -> SafePath.resolve(root, "/a/file"))
                .isInstanceOfSatisfying(MinipodException.class, e -> {
                    assertThat(e.reason()).isEqualTo("Invalid");
                    assertThat(e.getMessage()).isEqualTo("too many levels of symbolic links resolving `/a/file`");
                });
    }

    @Test
    void selfLinkIsRefused() throws IOException {
        link("/etc", "/etc");
        assertThatThrownBy(() -> SafePath.resolve(root, "/etc/hosts")).isInstanceOf(MinipodException.class)
                .hasMessageContaining("too many levels of symbolic links");
    }

    @Test
    void fortyLinksAreFollowedLikeTheKernelButFortyOneAreRefused() throws IOException {
        for (int i = 0; i < 40; i++) {
            link("/l" + i, "/l" + (i + 1));
        }
        // /l0 -> /l1 -> ... -> /l40 (not a link): 40 links
        assertThat(SafePath.resolve(root, "/l0")).isEqualTo(root.resolve("l40"));
        link("/l40", "/end");
        assertThatThrownBy(() -> SafePath.resolve(root, "/l0")).isInstanceOf(MinipodException.class);
    }

    @Test
    void mkdirsCreatesAllComponentsInsideTheRoot() {
        Path p = SafePath.mkdirs(root, "/var/lib/app/data");
        assertThat(p).isEqualTo(root.resolve("var/lib/app/data"));
        assertThat(p).isDirectory();
        // idempotent
        assertThat(SafePath.mkdirs(root, "/var/lib/app/data")).isEqualTo(p).isDirectory();
    }

    @Test
    void mkdirsThroughASymlinkToEtcLandsInTheRootsEtcNotTheHosts() throws IOException {
        link("/conf", "/etc");
        Path p = SafePath.mkdirs(root, "/conf/" + unique + "/sub");
        assertThat(p).isEqualTo(root.resolve("etc").resolve(unique).resolve("sub"));
        assertThat(p).isDirectory();
        assertThat(root.resolve("conf")).isSymbolicLink();
        assertThat(Path.of("/etc", unique)).doesNotExist();
    }

    @Test
    void mkdirsThroughARelativeEscapingSymlinkStaysInside() throws IOException {
        link("/a/b", "../../../../etc");
        Path p = SafePath.mkdirs(root, "/a/b/" + unique);
        assertThat(p).isEqualTo(root.resolve("etc").resolve(unique)).isDirectory();
        assertThat(Path.of("/etc", unique)).doesNotExist();
    }

    @Test
    void touchThroughASymlinkToEtcCreatesAnEmptyFileInTheRoot() throws IOException {
        link("/conf", "/etc");
        Path p = SafePath.touch(root, "/conf/" + unique + "/hosts");
        assertThat(p).isEqualTo(root.resolve("etc").resolve(unique).resolve("hosts"));
        assertThat(p).isRegularFile().isEmptyFile();
        assertThat(Path.of("/etc", unique)).doesNotExist();
    }

    @Test
    void touchLeavesAnExistingFileAlone() throws IOException {
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/hosts"), "keep me");
        Path p = SafePath.touch(root, "/etc/hosts");
        assertThat(p).isEqualTo(root.resolve("etc/hosts"));
        assertThat(Files.readString(p, StandardCharsets.UTF_8)).isEqualTo("keep me");
    }

    @Test
    void touchOfAnAbsoluteSymlinkToEtcFileStaysInTheRoot() throws IOException {
        // /etc/resolv.conf -> /etc/resolv-real.conf inside the image
        Files.createDirectories(root.resolve("etc"));
        link("/etc/resolv.conf", "/etc/" + unique);
        Path p = SafePath.touch(root, "/etc/resolv.conf");
        assertThat(p).isEqualTo(root.resolve("etc").resolve(unique)).isRegularFile();
        assertThat(root.resolve("etc/resolv.conf")).isSymbolicLink();
        assertThat(Path.of("/etc", unique)).doesNotExist();
    }

    @Test
    void touchOfADanglingSymlinkCreatesTheTargetsParents() throws IOException {
        Files.createDirectories(root.resolve("etc"));
        link("/etc/hosts", "/run/" + unique + "/hosts");
        Path p = SafePath.touch(root, "/etc/hosts");
        assertThat(p).isEqualTo(root.resolve("run").resolve(unique).resolve("hosts")).isRegularFile();
    }

    @Test
    void mkdirsOfADanglingSymlinkCreatesTheTargetsParents() throws IOException {
        link("/data", "/srv/" + unique + "/data");
        Path p = SafePath.mkdirs(root, "/data");
        assertThat(p).isEqualTo(root.resolve("srv").resolve(unique).resolve("data")).isDirectory();
    }

    @Test
    void resolvedPathsAreNeverSymlinksWhenTheyExist() throws IOException {
        Files.createDirectories(root.resolve("usr/bin"));
        link("/bin", "usr/bin");
        Path p = SafePath.resolve(root, "/bin");
        assertThat(Files.isSymbolicLink(p)).isFalse();
        assertThat(Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).isTrue();
    }
}
