package dev.minipod.runtime.rootfs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MountOpTest {
    @Test
    void mountRendersSixTabSeparatedFieldsWithDashForNullOrEmpty() {
        assertThat(new MountOp.Mount("tmpfs", "/r/dev", "tmpfs", 2, "mode=755").render())
                .isEqualTo("mount\ttmpfs\t/r/dev\ttmpfs\t2\tmode=755");
        assertThat(new MountOp.Mount(null, "/x", null, 0, null).render()).isEqualTo("mount\t-\t/x\t-\t0\t-");
        assertThat(new MountOp.Mount("", "/x", "", 0, "").render()).isEqualTo("mount\t-\t/x\t-\t0\t-");
    }

    @Test
    void mountFlagsAreDecimal() {
        assertThat(new MountOp.Mount("a", "/b", "c", 1L << 18 | 16384, "d").render()).isEqualTo("mount\ta\t/b\tc\t278528\td");
    }

    @Test
    void mkdirModeIsOctal() {
        assertThat(new MountOp.Mkdir("/r/dev/shm", 01777).render()).isEqualTo("mkdir\t/r/dev/shm\t1777");
        assertThat(new MountOp.Mkdir("/r/a", 0700).render()).isEqualTo("mkdir\t/r/a\t700");
    }

    @Test
    void charDeviceAddsSIfChrToThePermissionBits() {
        assertThat(new MountOp.CharDevice("/r/dev/null", 0666, 1, 3).render()).isEqualTo("mknod\t/r/dev/null\t20666\t1\t3");
        assertThat(new MountOp.CharDevice("/r/dev/c", 0600, 10, 200).render()).isEqualTo("mknod\t/r/dev/c\t20600\t10\t200");
    }

    @Test
    void symlinkTargetComesBeforeLinkPath() {
        assertThat(new MountOp.Symlink("pts/ptmx", "/r/dev/ptmx").render()).isEqualTo("symlink\tpts/ptmx\t/r/dev/ptmx");
    }

    @Test
    void makePrivateIsABareWord() {
        assertThat(new MountOp.MakePrivate().render()).isEqualTo("makeprivate");
    }
}
