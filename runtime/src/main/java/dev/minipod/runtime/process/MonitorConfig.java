package dev.minipod.runtime.process;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The monitor's config (docs/internals.md, "Monitor config"): ordered NUL-separated key/value
 * pairs, handed over in a memfd on fd 3. Pure: built from a plan, tested without root.
 */
public final class MonitorConfig {
    private final List<String[]> entries = new ArrayList<>();

    public MonitorConfig put(String key, String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("config value for `" + key + "` contains a NUL byte");
        }
        entries.add(new String[] {key, value});
        return this;
    }

    public MonitorConfig putAll(String key, List<String> values) {
        values.forEach(v -> put(key, v));
        return this;
    }

    public List<String[]> entries() {
        return List.copyOf(entries);
    }

    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String[] e : entries) {
            out.writeBytes(e[0].getBytes(StandardCharsets.UTF_8));
            out.write(0);
            out.writeBytes(e[1].getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return out.toByteArray();
    }
}
