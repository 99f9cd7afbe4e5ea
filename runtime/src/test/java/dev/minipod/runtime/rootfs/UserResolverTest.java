package dev.minipod.runtime.rootfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minipod.runtime.MinipodException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserResolverTest {
    static final String PASSWD = String.join("\n",
            "# a comment line",
            "root:x:0:0:root:/root:/bin/sh",
            "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin",
            "app:x:1000:1000:App:/home/app:/bin/sh",
            "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin",
            "") ;
    static final String GROUP = String.join("\n",
            "root:x:0:",
            "daemon:x:1:",
            "wheel:x:10:root,app",
            "staff:x:50:",
            "app:x:1000:",
            "audio:x:29:app",
            "video:x:44:nobody,app",
            "nogroup:x:65534:",
            "");

    @TempDir
    Path rootfs;

    @BeforeEach
    void image() throws IOException {
        Files.createDirectories(rootfs.resolve("etc"));
        Files.writeString(rootfs.resolve("etc/passwd"), PASSWD);
        Files.writeString(rootfs.resolve("etc/group"), GROUP);
    }

    static UserResolver.Ids ids(int uid, int gid, Integer... groups) {
        return new UserResolver.Ids(uid, gid, java.util.List.of(groups));
    }

    @Test
    void emptyOrNullUserIsRootWithRootsSupplementaryGroups() {
        assertThat(UserResolver.resolve(rootfs, "")).isEqualTo(ids(0, 0, 10));
        assertThat(UserResolver.resolve(rootfs, null)).isEqualTo(ids(0, 0, 10));
    }

    @Test
    void numericZeroIsRoot() {
        assertThat(UserResolver.resolve(rootfs, "0")).isEqualTo(ids(0, 0, 10));
    }

    @Test
    void numericUidTakesPrimaryGidAndGroupsFromItsPasswdEntry() {
        assertThat(UserResolver.resolve(rootfs, "1000")).isEqualTo(ids(1000, 1000, 10, 29, 44));
    }

    @Test
    void numericUidWithoutPasswdEntryHasGidZeroAndNoGroups() {
        assertThat(UserResolver.resolve(rootfs, "4321")).isEqualTo(ids(4321, 0));
    }

    @Test
    void numericUidAndGid() {
        assertThat(UserResolver.resolve(rootfs, "1000:50")).isEqualTo(ids(1000, 50, 10, 29, 44));
        assertThat(UserResolver.resolve(rootfs, "4321:77")).isEqualTo(ids(4321, 77));
    }

    @Test
    void userNameIsLookedUpInPasswd() {
        assertThat(UserResolver.resolve(rootfs, "nobody")).isEqualTo(ids(65534, 65534, 44));
        assertThat(UserResolver.resolve(rootfs, "daemon")).isEqualTo(ids(1, 1));
    }

    @Test
    void userAndGroupNames() {
        assertThat(UserResolver.resolve(rootfs, "nobody:nogroup")).isEqualTo(ids(65534, 65534, 44));
        assertThat(UserResolver.resolve(rootfs, "app:staff")).isEqualTo(ids(1000, 50, 10, 29, 44));
    }

    @Test
    void userNameWithNumericGroup() {
        assertThat(UserResolver.resolve(rootfs, "app:7")).isEqualTo(ids(1000, 7, 10, 29, 44));
    }

    @Test
    void unknownUserNameIsInvalidWithRuncsMessage() {
        assertThatThrownBy(() -> UserResolver.resolve(rootfs, "ghost"))
                .isInstanceOfSatisfying(MinipodException.class, e -> {
                    assertThat(e.reason()).isEqualTo("Invalid");
                    assertThat(e.exitCode()).isEqualTo(2);
                    assertThat(e.getMessage()).isEqualTo("unable to find user ghost: no matching entries in passwd file");
                });
    }

    @Test
    void unknownGroupNameIsInvalidWithRuncsMessage() {
        assertThatThrownBy(() -> UserResolver.resolve(rootfs, "app:ghosts"))
                .isInstanceOfSatisfying(MinipodException.class, e -> {
                    assertThat(e.reason()).isEqualTo("Invalid");
                    assertThat(e.getMessage()).isEqualTo("unable to find group ghosts: no matching entries in group file");
                });
        assertThatThrownBy(() -> UserResolver.resolve(rootfs, "1000:ghosts"))
                .hasMessage("unable to find group ghosts: no matching entries in group file");
    }

    @Test
    void commentedOutUserIsNotFound() {
        assertThatThrownBy(() -> UserResolver.resolve(rootfs, "# a comment line"))
                .isInstanceOf(MinipodException.class);
    }

    @Test
    void imageWithoutPasswdOrGroupFilesStillTakesNumericIds(@TempDir Path bare) {
        assertThat(UserResolver.resolve(bare, "1000:50")).isEqualTo(ids(1000, 50));
        assertThat(UserResolver.resolve(bare, "")).isEqualTo(ids(0, 0));
    }

    @Test
    void namesAreNeverLookedUpInTheHostsFiles(@TempDir Path bare) {
        // the host has a root user, the image has no /etc/passwd at all
        assertThatThrownBy(() -> UserResolver.resolve(bare, "root"))
                .hasMessage("unable to find user root: no matching entries in passwd file");
    }

    @Test
    void filesAreReadThroughSymlinksResolvedInsideTheRootfs(@TempDir Path img) throws IOException {
        // /etc is an absolute symlink to /private/etc inside the image; /etc/group links to a relative path
        Files.createDirectories(img.resolve("private/etc"));
        Files.createSymbolicLink(img.resolve("etc"), Path.of("/private/etc"));
        Files.writeString(img.resolve("private/etc/passwd"), "root:x:0:0::/:/bin/sh\nsvc:x:4242:4343::/:/bin/sh\n");
        Files.createDirectories(img.resolve("private/shared"));
        Files.writeString(img.resolve("private/shared/group"), "svc:x:4343:\nextra:x:5000:svc\n");
        Files.createSymbolicLink(img.resolve("private/etc/group"), Path.of("../shared/group"));

        assertThat(UserResolver.resolve(img, "svc")).isEqualTo(ids(4242, 4343, 5000));
        assertThat(UserResolver.resolve(img, "svc:extra")).isEqualTo(ids(4242, 5000, 5000));
    }

    @Test
    void passwdSymlinkedToTheHostsPasswdReadsTheImagesCopy(@TempDir Path img) throws IOException {
        Files.createDirectories(img.resolve("etc"));
        Files.createDirectories(img.resolve("host/etc"));
        Files.writeString(img.resolve("host/etc/passwd"), "nobody:x:777:888::/:/bin/false\n");
        // an escaping relative link: ../../../../host/etc/passwd stays in the image, at /host/etc/passwd
        Files.createSymbolicLink(img.resolve("etc/passwd"), Path.of("../../../../host/etc/passwd"));
        assertThat(UserResolver.resolve(img, "nobody")).isEqualTo(ids(777, 888));
    }

    @Test
    void uidOutOfRangeIsInvalid() {
        assertThatThrownBy(() -> UserResolver.resolve(rootfs, "4294967296")).isInstanceOf(MinipodException.class);
        assertThatThrownBy(() -> UserResolver.resolve(rootfs, "0:4294967296")).isInstanceOf(MinipodException.class);
    }

    @Test
    void containerIdsFollowContainerdsRulesForRunAsUserGroupAndSupplementalGroups() {
        var none = dev.minipod.runtime.security.SecurityPlan.defaults();
        assertThat(UserResolver.forContainer(rootfs, "app", none)).isEqualTo(new UserResolver.Ids(1000, 1000, java.util.List.of(1000, 10, 29, 44)));
        assertThat(UserResolver.forContainer(rootfs, "", none)).isEqualTo(new UserResolver.Ids(0, 0, java.util.List.of(0, 10)));
        var sc = new dev.minipod.runtime.security.SecurityPlan(1000L, 3000L, java.util.List.of(4000L, 2000L), true, 2000L, null,
                false, false, 0, false, java.util.List.of(), java.util.List.of(), null, java.util.Map.of());
        assertThat(UserResolver.forContainer(rootfs, "nobody", sc))
                .as("runAsUser replaces the image user, whose groups come from /etc/group")
                .isEqualTo(new UserResolver.Ids(1000, 3000, java.util.List.of(3000, 10, 29, 44, 4000, 2000)));
        var strict = new dev.minipod.runtime.security.SecurityPlan(null, 50L, java.util.List.of(), false, null, null,
                false, false, 0, false, java.util.List.of(), java.util.List.of(), null, java.util.Map.of());
        assertThat(UserResolver.forContainer(rootfs, "app:app", strict))
                .as("runAsGroup alone replaces the image's group; Strict ignores /etc/group")
                .isEqualTo(new UserResolver.Ids(1000, 50, java.util.List.of(50)));
    }

    @Test
    void homeComesFromPasswdOrIsTheRoot() {
        assertThat(UserResolver.home(rootfs, 1000)).isEqualTo("/home/app");
        assertThat(UserResolver.home(rootfs, 0)).isEqualTo("/root");
        assertThat(UserResolver.home(rootfs, 4242)).isEqualTo("/");
    }
}
