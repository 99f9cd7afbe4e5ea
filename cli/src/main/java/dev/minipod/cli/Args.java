package dev.minipod.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parsed arguments of one invocation, with kubectl's (pflag's) conventions: flags anywhere among the
 * arguments, {@code --name=value} or {@code --name value}, shorthands {@code -o json}, {@code -ojson} and
 * combined booleans {@code -it}, booleans as {@code --wait=false}, and {@code --} ending the flags.
 * Hand-written instead of picocli: picocli's Java 5 bytecode cannot be put in a CDS archive and its
 * model building alone costs more than the CLI's whole start-up budget.
 */
final class Args {
    private final List<String> positionals = new ArrayList<>();
    private final Map<String, List<String>> values = new HashMap<>();
    private int dashDashAt = -1;

    List<String> positionals() { return positionals; }

    /** The number of positionals before {@code --}, or -1 when there was none. */
    int dashDashAt() { return dashDashAt; }

    boolean has(String name) { return values.containsKey(name); }

    /** The last value given, or {@code def}. */
    String value(String name, String def) {
        List<String> v = values.get(name);
        return v == null ? def : v.get(v.size() - 1);
    }

    /** Every value given, in order. */
    List<String> values(String name) {
        List<String> v = values.get(name);
        return v == null ? new ArrayList<>() : new ArrayList<>(v);
    }

    boolean bool(String name, boolean def) { return Boolean.parseBoolean(value(name, Boolean.toString(def))); }

    int integer(String name, int def, String command) {
        String v = value(name, null);
        if (v == null) return def;
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UsageException(command, "invalid argument \"" + v + "\" for \"--" + name
                    + "\" flag: strconv.ParseInt: parsing \"" + v + "\": invalid syntax");
        }
    }

    /** Parses {@code argv} against {@code flags}; {@code command} names the command in error messages. */
    static Args parse(String[] argv, List<Flag> flags, String command) {
        Args a = new Args();
        for (int i = 0; i < argv.length; i++) {
            String arg = argv[i];
            if (arg.equals("--")) {
                a.dashDashAt = a.positionals.size();
                for (int j = i + 1; j < argv.length; j++) a.positionals.add(argv[j]);
                break;
            }
            if (arg.startsWith("--")) {
                int eq = arg.indexOf('=');
                String name = arg.substring(2, eq < 0 ? arg.length() : eq);
                Flag f = byName(flags, name);
                if (f == null) throw new UsageException(command, "unknown flag: --" + name);
                String v;
                if (eq >= 0) {
                    v = arg.substring(eq + 1);
                } else if (!f.takesValue) {
                    v = "true";
                } else if (i + 1 < argv.length) {
                    v = argv[++i];
                } else {
                    throw new UsageException(command, "flag needs an argument: --" + name);
                }
                a.put(f, v, command);
            } else if (arg.startsWith("-") && arg.length() > 1) {
                for (int k = 1; k < arg.length(); k++) {
                    char c = arg.charAt(k);
                    Flag f = byShorthand(flags, c);
                    if (f == null) throw new UsageException(command, "unknown shorthand flag: '" + c + "' in " + arg);
                    String rest = arg.substring(k + 1);
                    if (!f.takesValue) {
                        if (rest.startsWith("=")) {
                            a.put(f, rest.substring(1), command);
                            break;
                        }
                        a.put(f, "true", command);
                        continue;
                    }
                    if (rest.startsWith("=")) rest = rest.substring(1);
                    if (!rest.isEmpty()) {
                        a.put(f, rest, command);
                    } else if (i + 1 < argv.length) {
                        a.put(f, argv[++i], command);
                    } else {
                        throw new UsageException(command, "flag needs an argument: '" + c + "' in -" + c);
                    }
                    break;
                }
            } else {
                a.positionals.add(arg);
            }
        }
        return a;
    }

    private void put(Flag f, String v, String command) {
        if (!f.takesValue && !v.equals("true") && !v.equals("false")) {
            throw new UsageException(command, "invalid argument \"" + v + "\" for \"--" + f.name
                    + "\" flag: strconv.ParseBool: parsing \"" + v + "\": invalid syntax");
        }
        List<String> list = values.get(f.name);
        if (list == null) {
            list = new ArrayList<>();
            values.put(f.name, list);
        }
        list.add(v);
    }

    private static Flag byName(List<Flag> flags, String name) {
        for (Flag f : flags) if (f.name.equals(name)) return f;
        return null;
    }

    private static Flag byShorthand(List<Flag> flags, char c) {
        for (Flag f : flags) if (f.shorthand == c) return f;
        return null;
    }
}
