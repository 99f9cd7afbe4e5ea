package dev.minipod.runtime.plan;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Kubelet environment semantics: {@code $(VAR)} expansion and env assembly.
 *
 * <p>Expansion: {@code $(NAME)} is replaced when NAME is defined, else left as is; {@code $$}
 * gives {@code $} (so {@code $$(NAME)} gives the literal {@code $(NAME)}); {@code $(} without a
 * closing {@code )} and a {@code $} before any other character are left as is.
 *
 * <p>Assembly: container {@code env} entries in order; each {@code value} is expanded against the
 * entries defined before it (never against the image's env, which the kubelet does not see);
 * {@code valueFrom.fieldRef} values come from a {@link FieldResolver} and are not expanded; a later
 * entry with the same name overrides an earlier one. The runtime then lays these over the image's
 * env: image entries first, overridden in place, new names appended.
 */
public final class EnvExpander {
    private EnvExpander() {}

    /** Supplies downward-API values for {@code valueFrom.fieldRef}, e.g. {@code metadata.name}. */
    @FunctionalInterface
    public interface FieldResolver {
        /** The value of {@code fieldPath}; null when the field has no value (gives ""). */
        String resolve(String fieldPath);
    }

    /** Expands {@code $(NAME)} references; {@code lookup} returns null for undefined names. */
    public static String expand(String input, Function<String, String> lookup) {
        StringBuilder out = new StringBuilder(input.length());
        int i = 0;
        int n = input.length();
        while (i < n) {
            char ch = input.charAt(i);
            if (ch != '$' || i + 1 >= n) {
                out.append(ch);
                i++;
                continue;
            }
            char next = input.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
            } else if (next == '(') {
                int close = input.indexOf(')', i + 2);
                if (close < 0) {
                    out.append("$(");
                    i += 2;
                } else {
                    String name = input.substring(i + 2, close);
                    String value = lookup.apply(name);
                    out.append(value != null ? value : "$(" + name + ")");
                    i = close + 1;
                }
            } else {
                out.append('$').append(next);
                i += 2;
            }
        }
        return out.toString();
    }

    /** Expands against a map of defined names. */
    public static String expand(String input, Map<String, String> vars) {
        return expand(input, vars::get);
    }

    /**
     * The container's own variables as the kubelet computes them, in first-definition order; this
     * is also the map {@code command}/{@code args} are expanded against.
     */
    public static Map<String, String> containerEnv(List<EnvVar> env, FieldResolver fields) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (EnvVar e : env == null ? List.<EnvVar>of() : env) {
            String value = e.getValue() == null ? "" : e.getValue();
            if (!value.isEmpty()) {
                value = expand(value, vars);
            } else if (e.getValueFrom() != null) {
                value = fromSource(e.getName(), e.getValueFrom(), fields);
            }
            vars.put(e.getName(), value);
        }
        return vars;
    }

    /** Image env ({@code NAME=value} lines) with the container's variables laid over it. */
    public static List<String> merge(List<String> imageEnv, Map<String, String> containerEnv) {
        Map<String, String> merged = new LinkedHashMap<>();
        for (String line : imageEnv == null ? List.<String>of() : imageEnv) {
            int eq = line.indexOf('=');
            if (eq < 0) merged.put(line, "");
            else merged.put(line.substring(0, eq), line.substring(eq + 1));
        }
        merged.putAll(containerEnv);
        List<String> out = new ArrayList<>(merged.size());
        merged.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }

    /** {@link #merge}({@code imageEnv}, {@link #containerEnv}({@code env}, {@code fields})). */
    public static List<String> assemble(List<String> imageEnv, List<EnvVar> env, FieldResolver fields) {
        return merge(imageEnv, containerEnv(env, fields));
    }

    /** fieldRef values; other sources (configMap, secret, resource) are only known at start: "" in this preview. */
    private static String fromSource(String name, EnvVarSource src, FieldResolver fields) {
        if (src.getFieldRef() != null) {
            String v = fields.resolve(src.getFieldRef().getFieldPath());
            return v == null ? "" : v;
        }
        return "";
    }
}
