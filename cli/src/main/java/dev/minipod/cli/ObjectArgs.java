package dev.minipod.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * kubectl's resource arguments for any type: {@code TYPE[,TYPE...] [NAME...]} or {@code TYPE/NAME...}.
 * Pods alone keep their own verbs' paths ({@link ResourceArgs}); this is for everything else.
 */
final class ObjectArgs {
    private ObjectArgs() {}

    /** One type and the names asked for (empty: all of them). */
    static final class Request {
        final ObjectTypes.Type type;
        final List<String> names = new ArrayList<>();

        Request(ObjectTypes.Type type) { this.type = type; }
    }

    /** Whether the arguments name a type other than pods (or several types). */
    static boolean isObjectRequest(List<String> args) {
        if (args.isEmpty()) return false;
        String first = args.get(0);
        String type = first.contains("/") ? first.substring(0, first.indexOf('/')) : first;
        if (type.contains(",")) return true;
        ObjectTypes.Type t = ObjectTypes.byName(type);
        return t != null && !t.isPods();
    }

    static List<Request> parse(List<String> args, String verb) {
        List<Request> out = new ArrayList<>();
        if (args.get(0).contains("/")) {
            for (String a : args) {
                int slash = a.indexOf('/');
                if (slash < 0) throw ResourceArgs.typeAsSeparateArgument(verb);
                ObjectTypes.Type t = type(a.substring(0, slash));
                Request r = null;
                for (Request existing : out) if (existing.type == t) r = existing;
                if (r == null) {
                    r = new Request(t);
                    out.add(r);
                }
                r.names.add(a.substring(slash + 1));
            }
            return out;
        }
        for (String word : args.get(0).split(",")) {
            Request r = new Request(type(word));
            r.names.addAll(args.subList(1, args.size()));
            out.add(r);
        }
        return out;
    }

    private static ObjectTypes.Type type(String word) {
        ObjectTypes.Type t = ObjectTypes.byName(word);
        if (t == null) throw CliException.failure("the server doesn't have a resource type \"" + word + "\"");
        return t;
    }
}
