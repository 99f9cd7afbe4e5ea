package dev.minipod.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The cgroup v2 device program, run by a small eBPF interpreter over the opcodes the compiler
 * emits (any other opcode fails the test), against the rules read directly.
 */
class DeviceProgramTest {
    private static final int B = DeviceProgram.DEV_BLOCK;
    private static final int C = DeviceProgram.DEV_CHAR;
    private static final int R = DeviceProgram.ACC_READ;
    private static final int W = DeviceProgram.ACC_WRITE;
    private static final int M = DeviceProgram.ACC_MKNOD;

    /** Runs prog on a bpf_cgroup_dev_ctx; returns r0. Jumps only forward, so it always ends. */
    static long run(long[] prog, int type, int access, int major, int minor) {
        int[] ctx = {access << 16 | type, major, minor};
        long[] r = new long[11];
        for (int pc = 0; pc < prog.length; pc++) {
            long insn = prog[pc];
            int code = (int) (insn & 0xff);
            int dst = (int) (insn >>> 8 & 0xf);
            int src = (int) (insn >>> 12 & 0xf);
            int off = (short) (insn >>> 16);
            long imm = (int) (insn >>> 32);
            switch (code) {
                case DeviceProgram.LDX_MEM_W -> {
                    assertThat(src).as("loads only from the context (r1, untouched before the loads)").isEqualTo(1);
                    r[dst] = ctx[off / 4] & 0xffffffffL;
                }
                case DeviceProgram.ALU64_AND_K -> r[dst] &= imm;
                case DeviceProgram.ALU64_RSH_K -> r[dst] >>>= imm;
                case DeviceProgram.ALU64_MOV_K -> r[dst] = imm;
                case DeviceProgram.ALU64_MOV_X -> r[dst] = r[src];
                case DeviceProgram.JMP_JNE_K -> pc += r[dst] != imm ? off : 0;
                case DeviceProgram.JMP_JNE_X -> pc += r[dst] != r[src] ? off : 0;
                case DeviceProgram.JMP_EXIT -> {
                    return r[0];
                }
                default -> throw new AssertionError("unexpected opcode 0x" + Integer.toHexString(code) + " at " + pc);
            }
            assertThat(off).as("no backward jumps").isGreaterThanOrEqualTo(0);
        }
        throw new AssertionError("fell off the end of the program");
    }

    /** Like the kernel's verifier: every instruction reachable, every jump inside the program. */
    static void assertVerifiable(long[] prog) {
        boolean[] seen = new boolean[prog.length];
        java.util.ArrayDeque<Integer> todo = new java.util.ArrayDeque<>(List.of(0));
        while (!todo.isEmpty()) {
            int pc = todo.pop();
            assertThat(pc).as("jump target inside the program").isBetween(0, prog.length - 1);
            if (seen[pc]) {
                continue;
            }
            seen[pc] = true;
            int code = (int) (prog[pc] & 0xff);
            if (code != DeviceProgram.JMP_EXIT) {
                todo.push(pc + 1);
            }
            if (code == DeviceProgram.JMP_JNE_K || code == DeviceProgram.JMP_JNE_X) {
                todo.push(pc + 1 + (short) (prog[pc] >>> 16));
            }
        }
        for (int pc = 0; pc < prog.length; pc++) {
            assertThat(seen[pc]).as("instruction %d reachable", pc).isTrue();
        }
    }

    /** The rules read directly, as the v1 kernel would: some rule covers type, numbers and all of access. */
    static boolean allowedByRules(List<String> rules, int type, int access, int major, int minor) {
        return rules.stream().map(DeviceProgram.Rule::parse).anyMatch(x ->
                (x.type() == 'a' || (x.type() == 'b' ? B : C) == type)
                        && (x.major() < 0 || x.major() == major) && (x.minor() < 0 || x.minor() == minor)
                        && (access & x.access()) == access);
    }

    @Test
    void defaultRulesDenyOpeningDisksButAllowMknodAndTheStandardNodes() {
        long[] p = DeviceProgram.compile(DeviceRules.DEFAULT);
        assertThat(run(p, B, R, 254, 0)).as("read the host disk").isZero();
        assertThat(run(p, B, W, 7, 0)).as("write a loop device").isZero();
        assertThat(run(p, B, M, 254, 0)).as("mknod is allowed (b *:* m)").isEqualTo(1);
        assertThat(run(p, B, M | R, 254, 0)).as("mknod plus read is more than m").isZero();
        assertThat(run(p, C, R | W, 1, 3)).as("/dev/null").isEqualTo(1);
        assertThat(run(p, C, R, 1, 9)).as("/dev/urandom").isEqualTo(1);
        assertThat(run(p, C, R | W, 136, 7)).as("a pts").isEqualTo(1);
        assertThat(run(p, C, R | W, 5, 2)).as("ptmx").isEqualTo(1);
        assertThat(run(p, C, R, 1, 1)).as("/dev/mem").isZero();
        assertThat(run(p, C, R | W, 4, 1)).as("tty1").isZero();
        assertThat(run(p, C, R, 10, 201)).isZero();
    }

    @Test
    void privilegedAllowsEverything() {
        long[] p = DeviceProgram.compile(DeviceRules.PRIVILEGED);
        assertThat(run(p, B, R | W | M, 254, 0)).isEqualTo(1);
        assertThat(run(p, C, R, 1, 1)).isEqualTo(1);
        assertThat(p).as("the loads, then 'return 1': the verifier refuses the unreachable deny").hasSize(6 + 2);
        assertVerifiable(DeviceProgram.compile(List.of("c 1:3 rwm", "a *:* rwm", "b 8:0 r")));
    }

    @Test
    void programAgreesWithTheRulesOverAGridOfAccesses() {
        List<List<String>> ruleSets = List.of(DeviceRules.DEFAULT, DeviceRules.PRIVILEGED, List.of(),
                List.of("b 8:* r", "c *:5 w", "a 1:2 m"), List.of("c 1:3 rw", "a", "b 8:0 r"));
        for (List<String> rules : ruleSets) {
            long[] p = DeviceProgram.compile(rules);
            assertVerifiable(p);
            for (int type : new int[] {B, C}) {
                for (int access = 1; access <= 7; access++) {
                    for (int major : new int[] {0, 1, 5, 7, 8, 10, 136, 254}) {
                        for (int minor : new int[] {0, 1, 2, 3, 5, 9, 200}) {
                            assertThat(run(p, type, access, major, minor) == 1)
                                    .as("%s: type %d access %d %d:%d", rules, type, access, major, minor)
                                    .isEqualTo(allowedByRules(rules, type, access, major, minor));
                        }
                    }
                }
            }
        }
    }

    @Test
    void instructionsAreKernelLayout() {
        // r2 = *(u32 *)(r1 + 0): code 0x61, dst 2 (low nibble), src 1 (high nibble), off 0, imm 0
        assertThat(DeviceProgram.compile(List.of())[0]).isEqualTo(0x1261L);
        assertThat(DeviceProgram.insn(DeviceProgram.JMP_JNE_K, 4, 0, 3, 254)).isEqualTo(254L << 32 | 3L << 16 | 0x0455);
    }

    @Test
    void malformedRulesAreRefused() {
        assertThatThrownBy(() -> DeviceProgram.compile(List.of("x 1:3 rwm"))).hasMessageContaining("type must be a, b or c");
        assertThatThrownBy(() -> DeviceProgram.compile(List.of("c 1:3 rx"))).hasMessageContaining("access must be of r, w, m");
    }
}
