package dev.minipod.runtime.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/** x86_64 syscall numbers by name (resource syscalls-x86_64.txt, checked against the kernel header by a test). */
public final class Syscalls {
    private Syscalls() {}

    static final Map<String, Integer> X86_64 = load();

    public static OptionalInt number(String name) {
        Integer n = X86_64.get(name);
        return n == null ? OptionalInt.empty() : OptionalInt.of(n);
    }

    static Map<String, Integer> table() {
        return X86_64;
    }

    private static Map<String, Integer> load() {
        Map<String, Integer> m = new HashMap<>();
        try (InputStream in = Syscalls.class.getResourceAsStream("syscalls-x86_64.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                m.put(f[0], Integer.parseInt(f[1]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("read syscall table", e);
        }
        return Collections.unmodifiableMap(m);
    }
}
