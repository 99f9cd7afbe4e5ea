package dev.minipod.runtime.spec;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds the fields a document had that the v1 model does not know. fabric8 keeps them in each
 * object's {@code additionalProperties}; this walks the decoded object graph and names each one
 * with its JSON path ({@code spec.containers[0].imagePullPolize}). Keys are visited in sorted
 * order at every level, depth first, which is the order the API server reports them in for
 * kubectl (which sends JSON with sorted keys).
 */
final class UnknownFields {
    private UnknownFields() {}

    static List<String> find(Object root, ObjectMapper mapper) {
        List<String> out = new ArrayList<>();
        walk(root, "", mapper, out, new ArrayList<>());
        return out;
    }

    /** Quantities whose text does not parse (the API fails those while decoding, before strict checks). */
    static List<String> badQuantities(Object root, ObjectMapper mapper) {
        List<String> bad = new ArrayList<>();
        walk(root, "", mapper, new ArrayList<>(), bad);
        return bad;
    }

    private static void walk(Object value, String path, ObjectMapper mapper, List<String> out, List<String> bad) {
        if (value instanceof Quantity q) {
            String text = (q.getAmount() == null ? "" : q.getAmount()) + (q.getFormat() == null ? "" : q.getFormat());
            if (Quantities.parse(text).isEmpty()) bad.add(path);
            return;
        }
        if (value == null || value instanceof IntOrString) return;
        if (value instanceof Collection<?> c) {
            int i = 0;
            for (Object o : c) walk(o, path + "[" + i++ + "]", mapper, out, bad);
            return;
        }
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) walk(e.getValue(), path + "[" + e.getKey() + "]", mapper, out, bad);
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) return;
        BeanDescription desc = mapper.getSerializationConfig().introspect(mapper.constructType(value.getClass()));
        TreeMap<String, Object> fields = new TreeMap<>();
        for (BeanPropertyDefinition p : desc.findProperties()) {
            AnnotatedMember getter = p.getAccessor();
            if (getter == null) continue;
            fields.put(p.getName(), new Known(getter.getValue(value)));
        }
        Object extra = additional(value);
        if (extra instanceof Map<?, ?> m && !(value instanceof Quantity)) {
            for (Object k : m.keySet()) fields.put(String.valueOf(k), Unknown.INSTANCE);
        }
        for (Map.Entry<String, Object> f : fields.entrySet()) {
            String child = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
            if (f.getValue() instanceof Known k) walk(k.value(), child, mapper, out, bad);
            else out.add(child);
        }
    }

    private static Object additional(Object value) {
        try {
            return value.getClass().getMethod("getAdditionalProperties").invoke(value);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private record Known(Object value) {}

    private enum Unknown { INSTANCE }
}
