package dev.minipod.runtime.security;

import java.util.HexFormat;

/**
 * A compiled classic-BPF seccomp program (struct sock_filter[], 8 bytes each, little-endian),
 * handed to the monitor as hex and installed with seccomp(SECCOMP_SET_MODE_FILTER).
 *
 * @param source what it was compiled from, for messages ("RuntimeDefault", "Localhost profiles/x.json")
 */
public record SeccompFilter(String source, byte[] program) {
    public int instructions() {
        return program.length / 8;
    }

    public String hex() {
        return HexFormat.of().formatHex(program);
    }
}
