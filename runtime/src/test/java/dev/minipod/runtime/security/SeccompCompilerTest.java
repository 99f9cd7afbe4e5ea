package dev.minipod.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SeccompCompilerTest {
    private static final int X86_64 = SeccompCompiler.AUDIT_ARCH_X86_64;
    private static final long ALLOW = SeccompProfile.ALLOW;
    private static final long EPERM = SeccompProfile.ERRNO | 1;
    private static final long ENOSYS = SeccompProfile.ERRNO | 38;

    private static int nr(String name) {
        return Syscalls.number(name).getAsInt();
    }

    private static byte[] runtimeDefault(long caps) {
        SeccompProfile p = SeccompProfile.resolve(SeccompProfile.parseJson(SecurityPlanner.defaultProfile()), caps);
        return SeccompCompiler.compile("RuntimeDefault", p).program();
    }

    @Test
    void runtimeDefaultAllowsOrdinaryCallsAndRefusesNamespacesWithoutSysAdmin() {
        byte[] f = runtimeDefault(Capabilities.DEFAULT);
        assertThat(Bpf.run(f, X86_64, nr("read"))).isEqualTo(ALLOW);
        assertThat(Bpf.run(f, X86_64, nr("execve"))).isEqualTo(ALLOW);
        assertThat(Bpf.run(f, X86_64, nr("unshare"))).isEqualTo(EPERM);
        assertThat(Bpf.run(f, X86_64, nr("mount"))).isEqualTo(EPERM);
        assertThat(Bpf.run(f, X86_64, nr("keyctl"))).isEqualTo(EPERM);
        assertThat(Bpf.run(f, X86_64, nr("chroot"))).as("CAP_SYS_CHROOT is a default").isEqualTo(ALLOW);
        assertThat(Bpf.run(f, X86_64, nr("clone3"))).as("libcs fall back to clone").isEqualTo(ENOSYS);
        assertThat(Bpf.run(f, X86_64, nr("clone"), 0x01200011L)).as("fork-like clone").isEqualTo(ALLOW);
        assertThat(Bpf.run(f, X86_64, nr("clone"), 0x10000000L)).as("CLONE_NEWUSER").isEqualTo(EPERM);
        assertThat(Bpf.run(f, X86_64, nr("personality"), 0xffffffffL)).isEqualTo(ALLOW);
        assertThat(Bpf.run(f, X86_64, nr("personality"), 0x0040000L)).isEqualTo(EPERM);
        assertThat(Bpf.run(f, X86_64, 1023)).as("an unknown number").isEqualTo(EPERM);
    }

    @Test
    void everySyscallIsDecidedInAFewDozenInstructions() {
        byte[] f = runtimeDefault(Capabilities.DEFAULT);
        long worst = 0;
        for (int nr = 0; nr < 512; nr++) {
            worst = Math.max(worst, Bpf.exec(f, X86_64, nr, 0x01200011L)[1]);
        }
        // measured: 1565 instructions in all; at most 38 (mean 19) run per call, where a linear scan ran up to ~600
        assertThat(worst).isLessThanOrEqualTo(40);
    }

    @Test
    void capabilitiesUnlockTheirCalls() {
        byte[] f = runtimeDefault(Capabilities.DEFAULT | 1L << Capabilities.number("SYS_ADMIN").orElseThrow());
        assertThat(Bpf.run(f, X86_64, nr("unshare"))).isEqualTo(ALLOW);
        assertThat(Bpf.run(f, X86_64, nr("clone"), 0x10000000L)).isEqualTo(ALLOW);
        assertThat(Bpf.run(f, X86_64, nr("clone3"))).isEqualTo(ALLOW);
        assertThat(Bpf.run(runtimeDefault(0), X86_64, nr("chroot"))).isEqualTo(EPERM);
    }

    @Test
    void foreignArchitecturesAreKilledAndX32NumbersGetEnosys() {
        byte[] f = runtimeDefault(Capabilities.DEFAULT);
        assertThat(Bpf.run(f, 0x40000003, 3)).as("i386").isEqualTo(SeccompProfile.KILL_PROCESS);
        assertThat(Bpf.run(f, X86_64, 0x40000000 | nr("read"))).isEqualTo(ENOSYS);
    }

    @Test
    void sixtyFourBitArgumentComparisons() {
        String profile = """
                {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [
                 {"names": ["read"], "action": "SCMP_ACT_ERRNO", "errnoRet": 13,
                  "args": [{"index": 2, "value": 4294967296, "op": "SCMP_CMP_GE"}]},
                 {"names": ["write"], "action": "SCMP_ACT_KILL_PROCESS",
                  "args": [{"index": 0, "value": 2, "op": "SCMP_CMP_NE"}, {"index": 1, "value": 10, "op": "SCMP_CMP_LT"}]},
                 {"names": ["ioctl"], "action": "SCMP_ACT_ERRNO",
                  "args": [{"index": 1, "value": 65280, "valueTwo": 21504, "op": "SCMP_CMP_MASKED_EQ"}]},
                 {"names": ["close"], "action": "SCMP_ACT_ERRNO", "errnoRet": 9,
                  "args": [{"index": 0, "value": 4294967301, "op": "SCMP_CMP_LE"}]},
                 {"names": ["dup"], "action": "SCMP_ACT_ERRNO", "errnoRet": 9,
                  "args": [{"index": 0, "value": 4294967296, "op": "SCMP_CMP_GT"}]},
                 {"names": ["not_a_syscall"], "action": "SCMP_ACT_ERRNO"}]}
                """;
        byte[] f = SeccompCompiler.compile("t", SeccompProfile.resolve(SeccompProfile.parseJson(profile), 0)).program();
        assertThat(Bpf.run(f, X86_64, nr("read"), 0, 0, 0xffffffffL)).isEqualTo(ALLOW);
        assertThat(Bpf.run(f, X86_64, nr("read"), 0, 0, 0x100000000L)).isEqualTo(SeccompProfile.ERRNO | 13);
        assertThat(Bpf.run(f, X86_64, nr("write"), 1, 9)).isEqualTo(SeccompProfile.KILL_PROCESS);
        assertThat(Bpf.run(f, X86_64, nr("write"), 2, 9)).as("fd 2 is exempt").isEqualTo(ALLOW);
        assertThat(Bpf.run(f, X86_64, nr("write"), 1, 10)).isEqualTo(ALLOW);
        assertThat(Bpf.run(f, X86_64, nr("write"), 0x100000001L, 9)).as("high word differs").isEqualTo(SeccompProfile.KILL_PROCESS);
        assertThat(Bpf.run(f, X86_64, nr("write"), 1, 0x100000000L)).as("9 < 2^32 only in the low word").isEqualTo(ALLOW);
        long ebadf = SeccompProfile.ERRNO | 9;
        assertThat(Bpf.run(f, X86_64, nr("close"), 0x100000005L)).isEqualTo(ebadf);
        assertThat(Bpf.run(f, X86_64, nr("close"), 0xffffffffL)).as("lower high word").isEqualTo(ebadf);
        assertThat(Bpf.run(f, X86_64, nr("close"), 0x100000006L)).isEqualTo(ALLOW);
        assertThat(Bpf.run(f, X86_64, nr("close"), 0x200000000L)).isEqualTo(ALLOW);
        assertThat(Bpf.run(f, X86_64, nr("dup"), 0x100000000L)).isEqualTo(ALLOW);
        assertThat(Bpf.run(f, X86_64, nr("dup"), 0x100000001L)).isEqualTo(ebadf);
        assertThat(Bpf.run(f, X86_64, nr("dup"), 0x200000000L)).isEqualTo(ebadf);
        assertThat(Bpf.run(f, X86_64, nr("ioctl"), 0, 0x5401)).isEqualTo(EPERM);
        assertThat(Bpf.run(f, X86_64, nr("ioctl"), 0, 0x6401)).as("TCGETS-like type byte 0x54 only").isEqualTo(ALLOW);
    }

    @Test
    void badProfilesNameWhatIsWrong() {
        assertThatThrownBy(() -> SeccompProfile.parseJson("{nope")).hasMessageStartingWith("not valid JSON");
        assertThatThrownBy(() -> SeccompProfile.resolve(SeccompProfile.parseJson("{\"defaultAction\": \"SCMP_ACT_NOTIFY\"}"), 0))
                .hasMessage("defaultAction: unsupported action `SCMP_ACT_NOTIFY`");
        assertThatThrownBy(() -> SeccompProfile.resolve(SeccompProfile.parseJson(
                "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ERRNO\","
                        + " \"args\": [{\"index\": 7, \"value\": 1, \"op\": \"SCMP_CMP_EQ\"}]}]}"), 0))
                .hasMessage("syscalls[0].args[0].index: must be 0..5");
        assertThatThrownBy(() -> SeccompProfile.resolve(SeccompProfile.parseJson(
                "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"action\": \"SCMP_ACT_ERRNO\"}]}"), 0))
                .hasMessage("syscalls[0]: needs `names`");
    }
}
