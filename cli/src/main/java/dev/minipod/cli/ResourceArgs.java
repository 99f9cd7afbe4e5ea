package dev.minipod.cli;

import java.util.ArrayList;
import java.util.List;

/** kubectl's resource arguments for pods: {@code pods [NAME...]} or {@code pod/NAME...}. */
final class ResourceArgs {
    private ResourceArgs() {}

    /** The pod names given; an empty list means every pod. */
    static List<String> podNames(List<String> args, String verb) {
        if (args.isEmpty()) {
            throw CliException.usage("You must specify the type of resource to " + verb
                    + ". Supported types: pods (aliases: pod, po)");
        }
        List<String> names = new ArrayList<>();
        String first = args.get(0);
        if (first.contains("/")) {
            for (String a : args) {
                int slash = a.indexOf('/');
                if (slash < 0) throw typeAsSeparateArgument(verb);
                checkType(a.substring(0, slash));
                names.add(a.substring(slash + 1));
            }
            return names;
        }
        checkType(first);
        names.addAll(args.subList(1, args.size()));
        return names;
    }

    /** kubectl's error for {@code TYPE/NAME} arguments mixed with a bare word. */
    static CliException typeAsSeparateArgument(String verb) {
        return CliException.usage("there is no need to specify a resource type as a separate argument"
                + " when passing arguments in resource/name form (e.g. 'minipod " + verb
                + " resource/<resource_name>' instead of 'minipod " + verb + " resource resource/<resource_name>'");
    }

    private static void checkType(String type) {
        if (!GetCommand.POD_TYPES.contains(type)) {
            throw CliException.failure("the server doesn't have a resource type \"" + type + "\"");
        }
    }

    /** Accepts {@code NAME}, {@code pod/NAME} and {@code pods/NAME}. */
    static String podName(String arg) {
        int slash = arg.indexOf('/');
        if (slash < 0) return arg;
        String type = arg.substring(0, slash);
        if (!GetCommand.POD_TYPES.contains(type)) {
            throw CliException.failure("the server doesn't have a resource type \"" + type + "\"");
        }
        return arg.substring(slash + 1);
    }
}
