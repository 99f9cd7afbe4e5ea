package dev.minipod.runtime.security;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compiles a resolved {@link SeccompProfile} into a classic-BPF program for x86_64 (pure).
 *
 * <pre>
 *   ld arch; jeq AUDIT_ARCH_X86_64, else ret KILL_PROCESS  (no foreign-arch bypass)
 *   ld nr;   jge 0x40000000 -> ret ERRNO(ENOSYS)           (x32 numbers)
 *   binary search on nr (jge + ja), leaves: jeq nr -> its block, else ret default
 *                                                        (ja reaches far; jt/jf only 255)
 *   block: for each rule: its argument tests, failing to the next rule; ret action
 *          ret default
 * </pre>
 * Arguments are 64-bit: each test compares the high then the low 32-bit word of seccomp_data.args[i].
 */
public final class SeccompCompiler {
    private SeccompCompiler() {}

    static final int AUDIT_ARCH_X86_64 = 0xC000003E;
    static final int X32_SYSCALL_BIT = 0x40000000;
    static final int MAX_INSNS = 4096; // BPF_MAXINSNS

    // classic BPF opcodes (linux/bpf_common.h)
    static final int LD_W_ABS = 0x20;
    static final int JMP_JA = 0x05;
    static final int JEQ = 0x15;
    static final int JGT = 0x25;
    static final int JGE = 0x35;
    static final int ALU_AND_K = 0x54;
    static final int RET_K = 0x06;

    private static final int OFF_NR = 0;
    private static final int OFF_ARCH = 4;
    private static final int OFF_ARGS = 16;

    public static SeccompFilter compile(String source, SeccompProfile p) {
        Asm a = new Asm();
        Map<Integer, String> byNumber = new TreeMap<>();
        p.rules().keySet().forEach(name -> byNumber.put(Syscalls.number(name).getAsInt(), name));
        a.ld(OFF_ARCH);
        a.jump(JEQ, AUDIT_ARCH_X86_64, "native_arch", null);
        a.ret(SeccompProfile.KILL_PROCESS);
        a.label("native_arch");
        a.ld(OFF_NR);
        a.jump(JGE, X32_SYSCALL_BIT, null, "native_abi");
        a.ret(SeccompProfile.ERRNO | 38);
        a.label("native_abi");
        dispatch(a, List.copyOf(byNumber.keySet()), byNumber, p.defaultAction());
        for (String name : byNumber.values()) {
            a.label("sys_" + name);
            List<SeccompProfile.Rule> rules = p.rules().get(name);
            for (int r = 0; r < rules.size(); r++) {
                String next = "sys_" + name + "_r" + (r + 1);
                for (SeccompProfile.Arg arg : rules.get(r).args()) {
                    argTest(a, arg, next);
                }
                a.ret(rules.get(r).action());
                a.label(next);
            }
            a.ret(p.defaultAction());
        }
        byte[] program = a.assemble();
        if (program.length / 8 > MAX_INSNS) {
            throw new IllegalArgumentException("the compiled filter has " + program.length / 8 + " instructions (at most "
                    + MAX_INSNS + ")");
        }
        return new SeccompFilter(source, program);
    }

    /**
     * A binary search over the sorted syscall numbers (about 2 log2(n) instructions run per call
     * instead of up to 2n), ending in a few jeq tests; numbers without rules get the default action.
     */
    private static void dispatch(Asm a, List<Integer> numbers, Map<Integer, String> names, long dflt) {
        if (numbers.size() <= 4) {
            for (int nr : numbers) {
                a.jump(JEQ, nr, null, "n" + nr);
                a.ja("sys_" + names.get(nr));
                a.label("n" + nr);
            }
            a.ret(dflt);
            return;
        }
        int mid = numbers.size() / 2;
        String upper = a.fresh();
        a.jump(JGE, numbers.get(mid), null, "lower" + upper);
        a.ja(upper);
        a.label("lower" + upper);
        dispatch(a, numbers.subList(0, mid), names, dflt);
        a.label(upper);
        dispatch(a, numbers.subList(mid, numbers.size()), names, dflt);
    }

    /** Falls through when the condition holds, jumps to {@code fail} otherwise. */
    private static void argTest(Asm a, SeccompProfile.Arg arg, String fail) {
        int hiOff = OFF_ARGS + 8 * arg.index() + 4;
        int loOff = OFF_ARGS + 8 * arg.index();
        long v = arg.value();
        int hi = (int) (v >>> 32);
        int lo = (int) v;
        String pass = a.fresh();
        String low = a.fresh();
        switch (arg.op()) {
            case EQ -> {
                a.ld(hiOff);
                a.jump(JEQ, hi, null, fail);
                a.ld(loOff);
                a.jump(JEQ, lo, null, fail);
            }
            case NE -> {
                a.ld(hiOff);
                a.jump(JEQ, hi, null, pass);
                a.ld(loOff);
                a.jump(JEQ, lo, fail, null);
            }
            case MASKED_EQ -> {
                long want = arg.valueTwo();
                a.ld(hiOff);
                a.and(hi);
                a.jump(JEQ, (int) (want >>> 32), null, fail);
                a.ld(loOff);
                a.and(lo);
                a.jump(JEQ, (int) want, null, fail);
            }
            case GT, GE, LT, LE -> {
                // LT is "not GE" and LE is "not GT": the same test with the outcomes swapped
                boolean upward = arg.op() == SeccompProfile.Op.GT || arg.op() == SeccompProfile.Op.GE;
                boolean strict = arg.op() == SeccompProfile.Op.GT || arg.op() == SeccompProfile.Op.LE;
                String yes = upward ? pass : fail;
                String no = upward ? fail : pass;
                a.ld(hiOff);
                a.jump(JGT, hi, yes, null);
                a.jump(JEQ, hi, low, no);
                a.label(low);
                a.ld(loOff);
                a.jump(strict ? JGT : JGE, lo, yes, no);
            }
        }
        a.label(pass);
    }

    /** A tiny assembler: instructions with symbolic targets (null = fall through), resolved at the end. */
    private static final class Asm {
        private record Insn(int code, String jt, String jf, long k, String jaTarget) {}

        private final List<Insn> insns = new ArrayList<>();
        private final Map<String, Integer> labels = new TreeMap<>();
        private int fresh;

        String fresh() {
            return "t" + fresh++;
        }

        void label(String name) {
            if (labels.put(name, insns.size()) != null) {
                throw new IllegalStateException("duplicate label " + name);
            }
        }

        void ld(int offset) { insns.add(new Insn(LD_W_ABS, null, null, offset, null)); }

        void and(int mask) { insns.add(new Insn(ALU_AND_K, null, null, mask & 0xffffffffL, null)); }

        void ret(long action) { insns.add(new Insn(RET_K, null, null, action, null)); }

        void ja(String target) { insns.add(new Insn(JMP_JA, null, null, 0, target)); }

        void jump(int code, int k, String jt, String jf) {
            insns.add(new Insn(code, jt, jf, k & 0xffffffffL, null));
        }

        byte[] assemble() {
            ByteBuffer out = ByteBuffer.allocate(insns.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
            for (int pc = 0; pc < insns.size(); pc++) {
                Insn i = insns.get(pc);
                long k = i.jaTarget() == null ? i.k() : offset(pc, i.jaTarget(), Integer.MAX_VALUE);
                out.putShort((short) i.code());
                out.put((byte) offset(pc, i.jt(), 255));
                out.put((byte) offset(pc, i.jf(), 255));
                out.putInt((int) k);
            }
            return out.array();
        }

        private int offset(int pc, String label, int max) {
            if (label == null) {
                return 0;
            }
            Integer at = labels.get(label);
            if (at == null || at <= pc) {
                throw new IllegalStateException("bad jump target " + label);
            }
            int off = at - pc - 1;
            if (off > max) {
                throw new IllegalStateException("jump to " + label + " too far (" + off + ")");
            }
            return off;
        }
    }
}
