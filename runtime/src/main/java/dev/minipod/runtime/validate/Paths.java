package dev.minipod.runtime.validate;

import java.util.List;
import java.util.Map;

/** Small null-safe helpers shared by the checks. */
final class Paths {
    private Paths() {}

    static <T> List<T> list(List<T> l) { return l == null ? List.of() : l; }

    static <K, V> Map<K, V> map(Map<K, V> m) { return m == null ? Map.of() : m; }

    static boolean empty(String s) { return s == null || s.isEmpty(); }

    static String str(String s) { return s == null ? "" : s; }

    static void invalidEach(List<FieldError> out, String path, Object value, List<String> messages) {
        for (String m : messages) out.add(FieldError.invalid(path, value, m));
    }

    static void nonNegative(List<FieldError> out, String path, Number value) {
        if (value != null && value.longValue() < 0) {
            out.add(FieldError.invalid(path, value.longValue(), "must be greater than or equal to 0"));
        }
    }
}
