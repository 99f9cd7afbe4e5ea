package dev.minipod.runtime.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An OCI/Docker seccomp profile (the JSON of moby's default.json and of kubelet Localhost profiles),
 * resolved for one container: rules whose {@code includes.caps} the container lacks (or whose
 * {@code excludes.caps} it has) are left out, names unknown on x86_64 are skipped (as libseccomp
 * does). Parsing errors are {@link IllegalArgumentException}s naming the offending JSON path.
 */
public record SeccompProfile(long defaultAction, Map<String, List<Rule>> rules) {

    /** A syscall's rule: the action when every argument condition holds (none: always). */
    public record Rule(long action, List<Arg> args) {}

    /** One argument comparison as libseccomp defines it ({@code MASKED_EQ}: (arg & value) == valueTwo). */
    public record Arg(int index, Op op, long value, long valueTwo) {}

    public enum Op { NE, LT, LE, EQ, GE, GT, MASKED_EQ }

    static final long KILL_PROCESS = 0x80000000L;
    static final long KILL_THREAD = 0x00000000L;
    static final long TRAP = 0x00030000L;
    static final long ERRNO = 0x00050000L;
    static final long TRACE = 0x7ff00000L;
    static final long LOG = 0x7ffc0000L;
    static final long ALLOW = 0x7fff0000L;
    private static final int EPERM = 1;
    private static final Set<String> X86_64_ARCHES = Set.of("amd64", "x86_64", "SCMP_ARCH_X86_64");

    private static final ObjectMapper JSON = new ObjectMapper();

    public static JsonNode parseJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** Resolves the profile for a container holding {@code caps}. */
    public static SeccompProfile resolve(JsonNode root, long caps) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a profile is a JSON object");
        }
        long dflt = action(root.path("defaultAction"), root.path("defaultErrnoRet"), "defaultAction");
        Map<String, List<Rule>> rules = new LinkedHashMap<>();
        JsonNode list = root.path("syscalls");
        if (!list.isMissingNode() && !list.isNull() && !list.isArray()) {
            throw new IllegalArgumentException("syscalls: must be a list");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode s = list.get(i);
            String where = "syscalls[" + i + "]";
            long action = action(s.path("action"), s.path("errnoRet"), where + ".action");
            List<Arg> args = args(s.path("args"), where + ".args");
            if (!applies(s.path("includes"), s.path("excludes"), caps)) {
                continue;
            }
            for (String name : names(s, where)) {
                if (Syscalls.number(name).isPresent()) {
                    rules.computeIfAbsent(name, k -> new ArrayList<>()).add(new Rule(action, args));
                }
            }
        }
        return new SeccompProfile(dflt, rules);
    }

    private static boolean applies(JsonNode includes, JsonNode excludes, long caps) {
        for (JsonNode c : includes.path("caps")) {
            if (!Capabilities.number(c.asText()).map(n -> Capabilities.has(caps, n)).orElse(false)) {
                return false;
            }
        }
        JsonNode arches = includes.path("arches");
        if (arches.isArray() && !arches.isEmpty()) {
            boolean ours = false;
            for (JsonNode a : arches) {
                ours |= X86_64_ARCHES.contains(a.asText());
            }
            if (!ours) {
                return false;
            }
        }
        for (JsonNode c : excludes.path("caps")) {
            if (Capabilities.number(c.asText()).map(n -> Capabilities.has(caps, n)).orElse(false)) {
                return false;
            }
        }
        return true;
    }

    private static List<String> names(JsonNode s, String where) {
        List<String> out = new ArrayList<>();
        if (s.path("name").isTextual()) {
            out.add(s.get("name").asText());
        }
        for (JsonNode n : s.path("names")) {
            if (!n.isTextual()) {
                throw new IllegalArgumentException(where + ".names: must be strings");
            }
            out.add(n.asText());
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(where + ": needs `names`");
        }
        return out;
    }

    private static List<Arg> args(JsonNode list, String where) {
        List<Arg> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode a = list.get(i);
            int index = a.path("index").asInt(-1);
            if (index < 0 || index > 5) {
                throw new IllegalArgumentException(where + "[" + i + "].index: must be 0..5");
            }
            String op = a.path("op").asText();
            Op parsed;
            try {
                parsed = Op.valueOf(op.replaceFirst("^SCMP_CMP_", ""));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + "[" + i + "].op: unknown operator `" + op + "`");
            }
            out.add(new Arg(index, parsed, a.path("value").asLong(), a.path("valueTwo").asLong()));
        }
        return List.copyOf(out);
    }

    private static long action(JsonNode action, JsonNode errnoRet, String where) {
        int errno = errnoRet.isInt() ? errnoRet.asInt() : EPERM;
        return switch (action.asText()) {
            case "SCMP_ACT_ALLOW" -> ALLOW;
            case "SCMP_ACT_ERRNO" -> ERRNO | (errno & 0xffff);
            case "SCMP_ACT_KILL", "SCMP_ACT_KILL_THREAD" -> KILL_THREAD;
            case "SCMP_ACT_KILL_PROCESS" -> KILL_PROCESS;
            case "SCMP_ACT_TRAP" -> TRAP;
            case "SCMP_ACT_TRACE" -> TRACE | (errno & 0xffff);
            case "SCMP_ACT_LOG" -> LOG;
            default -> throw new IllegalArgumentException(where + ": unsupported action `" + action.asText() + "`");
        };
    }
}
