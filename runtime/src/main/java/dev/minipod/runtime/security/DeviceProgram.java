package dev.minipod.runtime.security;

import java.util.ArrayList;
import java.util.List;

/**
 * Compiles {@link DeviceRules} to the eBPF program cgroup v2 runs on every device access
 * (BPF_PROG_TYPE_CGROUP_DEVICE): it returns 1 to allow, 0 to deny (EPERM). The context is
 * {@code struct bpf_cgroup_dev_ctx {u32 access_type; u32 major; u32 minor;}}, access_type being
 * {@code access << 16 | type}. Like runc's generator: load the four fields once, then one block per
 * rule that jumps to the next block on the first mismatch and returns 1 at its end; deny at the end.
 * Instructions are 8-byte eBPF words as little-endian longs, ready for bpf(BPF_PROG_LOAD).
 */
public final class DeviceProgram {
    private DeviceProgram() {}

    static final int DEV_BLOCK = 1;
    static final int DEV_CHAR = 2;
    static final int ACC_MKNOD = 1;
    static final int ACC_READ = 2;
    static final int ACC_WRITE = 4;

    // opcodes: class | size/op | source
    static final int LDX_MEM_W = 0x61;
    static final int ALU64_AND_K = 0x57;
    static final int ALU64_RSH_K = 0x77;
    static final int ALU64_MOV_K = 0xb7;
    static final int ALU64_MOV_X = 0xbf;
    static final int JMP_JNE_K = 0x55;
    static final int JMP_JNE_X = 0x5d;
    static final int JMP_EXIT = 0x95;

    // registers: r1 the context on entry, r2 type, r3 access, r4 major, r5 minor
    private static final int R0 = 0;
    private static final int R1 = 1;
    private static final int TYPE = 2;
    private static final int ACCESS = 3;
    private static final int MAJOR = 4;
    private static final int MINOR = 5;

    /** One parsed rule: type 'a', 'b' or 'c'; -1 for a wildcard number; access as ACC_* bits. */
    record Rule(char type, long major, long minor, int access) {
        static Rule parse(String line) {
            String[] f = line.trim().split("\\s+");
            char type = f[0].charAt(0);
            if (type != 'a' && type != 'b' && type != 'c') {
                throw new IllegalArgumentException("device rule `" + line + "`: type must be a, b or c");
            }
            if (f.length == 1) {
                return new Rule(type, -1, -1, ACC_MKNOD | ACC_READ | ACC_WRITE);
            }
            String[] mm = f[1].split(":");
            int access = 0;
            for (char c : (f.length > 2 ? f[2] : "rwm").toCharArray()) {
                access |= switch (c) {
                    case 'r' -> ACC_READ;
                    case 'w' -> ACC_WRITE;
                    case 'm' -> ACC_MKNOD;
                    default -> throw new IllegalArgumentException("device rule `" + line + "`: access must be of r, w, m");
                };
            }
            return new Rule(type, number(mm[0]), number(mm[1]), access);
        }

        private static long number(String s) {
            return s.equals("*") ? -1 : Long.parseLong(s);
        }
    }

    /** The program allowing exactly what the rules allow (everything else denied). */
    public static long[] compile(List<String> rules) {
        List<Long> out = new ArrayList<>();
        out.add(insn(LDX_MEM_W, TYPE, R1, 0, 0));
        out.add(insn(ALU64_AND_K, TYPE, 0, 0, 0xffff));
        out.add(insn(LDX_MEM_W, ACCESS, R1, 0, 0));
        out.add(insn(ALU64_RSH_K, ACCESS, 0, 0, 16));
        out.add(insn(LDX_MEM_W, MAJOR, R1, 4, 0));
        out.add(insn(LDX_MEM_W, MINOR, R1, 8, 0));
        for (String line : rules) {
            List<Long> block = block(Rule.parse(line));
            out.addAll(block);
            if (block.size() == 2) {
                return toArray(out); // allows everything: the verifier refuses unreachable code after it
            }
        }
        out.add(insn(ALU64_MOV_K, R0, 0, 0, 0));
        out.add(insn(JMP_EXIT, 0, 0, 0, 0));
        return toArray(out);
    }

    private static long[] toArray(List<Long> insns) {
        return insns.stream().mapToLong(Long::longValue).toArray();
    }

    /** The rule's checks, each a jump past the block on mismatch, then "return 1". */
    private static List<Long> block(Rule r) {
        // each check: {opcode, dst, src, imm}; the jump offset is filled in once the block's length is known
        List<int[]> checks = new ArrayList<>();
        if (r.type() != 'a') {
            checks.add(new int[] {JMP_JNE_K, TYPE, 0, r.type() == 'b' ? DEV_BLOCK : DEV_CHAR});
        }
        int all = ACC_MKNOD | ACC_READ | ACC_WRITE;
        if (r.access() != all) {
            // the requested access must be a subset of the rule's: (access & rule) == access
            checks.add(new int[] {ALU64_MOV_X, R1, ACCESS, 0});
            checks.add(new int[] {ALU64_AND_K, R1, 0, r.access()});
            checks.add(new int[] {JMP_JNE_X, R1, ACCESS, 0});
        }
        if (r.major() >= 0) {
            checks.add(new int[] {JMP_JNE_K, MAJOR, 0, (int) r.major()});
        }
        if (r.minor() >= 0) {
            checks.add(new int[] {JMP_JNE_K, MINOR, 0, (int) r.minor()});
        }
        int length = checks.size() + 2;
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            int[] c = checks.get(i);
            boolean jump = c[0] == JMP_JNE_K || c[0] == JMP_JNE_X;
            out.add(insn(c[0], c[1], c[2], jump ? length - (i + 1) : 0, c[3]));
        }
        out.add(insn(ALU64_MOV_K, R0, 0, 0, 1));
        out.add(insn(JMP_EXIT, 0, 0, 0, 0));
        return out;
    }

    /** struct bpf_insn {u8 code; u8 dst:4, src:4; s16 off; s32 imm;} as a little-endian long. */
    static long insn(int code, int dst, int src, int off, int imm) {
        return (code & 0xffL) | ((long) (dst & 0xf) << 8) | ((long) (src & 0xf) << 12)
                | ((long) (off & 0xffff) << 16) | ((imm & 0xffffffffL) << 32);
    }
}
