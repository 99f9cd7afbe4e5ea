package dev.minipod.runtime.security;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A classic-BPF interpreter for seccomp programs (only the opcodes the compiler emits), for tests. */
final class Bpf {
    private Bpf() {}

    /** Runs the program on seccomp_data {nr, arch, ip = 0, args}; returns the SECCOMP_RET_* value. */
    static long run(byte[] program, int arch, int nr, long... args) {
        return exec(program, arch, nr, args)[0];
    }

    /** {SECCOMP_RET_* value, instructions executed}. */
    static long[] exec(byte[] program, int arch, int nr, long... args) {
        ByteBuffer data = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        data.putInt(0, nr).putInt(4, arch);
        for (int i = 0; i < args.length; i++) {
            data.putLong(16 + 8 * i, args[i]);
        }
        ByteBuffer p = ByteBuffer.wrap(program).order(ByteOrder.LITTLE_ENDIAN);
        int n = program.length / 8;
        long a = 0;
        long steps = 0;
        for (int pc = 0; pc < n; pc++) {
            steps++;
            int code = p.getShort(pc * 8) & 0xffff;
            int jt = p.get(pc * 8 + 2) & 0xff;
            int jf = p.get(pc * 8 + 3) & 0xff;
            long k = p.getInt(pc * 8 + 4) & 0xffffffffL;
            switch (code) {
                case 0x20 -> a = data.getInt((int) k) & 0xffffffffL;
                case 0x54 -> a &= k;
                case 0x06 -> { return new long[] {k, steps}; }
                case 0x05 -> pc += (int) k;
                case 0x15 -> pc += a == k ? jt : jf;
                case 0x25 -> pc += a > k ? jt : jf;
                case 0x35 -> pc += a >= k ? jt : jf;
                default -> throw new AssertionError("unexpected opcode " + code + " at " + pc);
            }
        }
        throw new AssertionError("fell off the end of the program");
    }
}
