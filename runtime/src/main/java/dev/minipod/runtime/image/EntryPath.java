package dev.minipod.runtime.image;

import dev.minipod.runtime.MinipodException;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A tar entry name, normalised to path components relative to the layer root. Pure: it only
 * decides; {@link LayerUnpacker} checks the file system (symlinked parents) separately.
 *
 * @param components normalised components; empty for the layer root itself ({@code ./})
 */
public record EntryPath(List<String> components) {
    public EntryPath {
        components = List.copyOf(components);
    }

    /**
     * Normalises {@code name} lexically ({@code .}, empty components and a trailing {@code /}
     * dropped, {@code ..} applied). Refuses absolute names, names whose {@code ..} climbs above the
     * layer root, and names with a NUL byte.
     *
     * @param layer the layer being read, for the error message
     */
    public static EntryPath parse(String layer, String name) {
        return parse(layer, name, "entry `" + name + "`");
    }

    /**
     * Like {@link #parse(String, String)}, with {@code what} describing the name in messages,
     * e.g. "hard link `a` -> `../x`".
     */
    public static EntryPath parse(String layer, String name, String what) {
        if (name == null || name.isEmpty()) {
            throw MinipodException.invalid("layer " + layer + ": entry with an empty name");
        }
        if (name.indexOf('\0') >= 0) {
            throw MinipodException.invalid("layer " + layer + ": " + what.replace("\0", "\\0") + " contains a NUL byte");
        }
        if (name.startsWith("/")) {
            throw MinipodException.invalid("layer " + layer + ": " + what + " is an absolute path");
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    throw MinipodException.invalid("layer " + layer + ": " + what + " escapes the layer");
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return new EntryPath(List.copyOf(parts));
    }

    public boolean isRoot() {
        return components.isEmpty();
    }

    /** The last component; "" for the root. */
    public String fileName() {
        return isRoot() ? "" : components.get(components.size() - 1);
    }

    /** The parent entry path; the root's parent is the root. */
    public EntryPath parent() {
        return isRoot() ? this : new EntryPath(components.subList(0, components.size() - 1));
    }

    @Override
    public String toString() {
        return isRoot() ? "." : String.join("/", components);
    }
}
