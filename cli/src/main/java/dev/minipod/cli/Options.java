package dev.minipod.cli;

import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

import java.util.ArrayList;
import java.util.List;

/**
 * The picocli command specs of the CLI, built with picocli's programmatic API (no annotations: no reflection
 * over the verb classes at start-up), configured for kubectl's (pflag's) conventions: flags anywhere among
 * the arguments, {@code --name=value} or {@code --name value}, {@code -o json}, {@code -ojson}, {@code -o=json},
 * clustered booleans {@code -it}, booleans as {@code --wait=false}, the last of a repeated flag wins, and
 * {@code --} ends the flags. Also reads a {@link ParseResult} and turns picocli's parameter errors into
 * kubectl's texts.
 */
final class Options {
    private Options() {}

    /** A command spec named {@code name} (as in {@code minipod NAME}) with the parser settings above. */
    static CommandSpec command(String name, String summary, String usage) {
        CommandSpec spec = CommandSpec.create().name(name);
        spec.parser().expandAtFiles(false).overwrittenOptionsAllowed(true).allowOptionsAsOptionParameters(true)
                .abbreviatedOptionsAllowed(false).caseInsensitiveEnumValuesAllowed(false);
        spec.usageMessage().header(summary).synopsisHeading("%nUsage:%n  ").customSynopsis(usage)
                .optionListHeading("%nOptions:%n").sortOptions(false).width(100);
        return spec;
    }

    /** The global options, accepted before the verb and among its arguments. */
    static CommandSpec addGlobals(CommandSpec spec) {
        spec.addOption(value("run-root", NONE, "DIR",
                "Runtime state and the daemon socket (default /run/minipod; env MINIPOD_RUN_ROOT)"));
        spec.addOption(value("root", NONE, "DIR", "Persistent state (default /var/lib/minipod; env MINIPOD_ROOT)"));
        spec.addOption(value("log-root", NONE, "DIR", "Logs (default /var/log/minipod; env MINIPOD_LOG_ROOT)"));
        spec.addOption(value("namespace", 'n', "NS", "The namespace (default default)"));
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show help").build());
        return spec;
    }

    /** The positional arguments of a verb, any number, checked by the verb itself. */
    static PositionalParamSpec positionals(String label) {
        return PositionalParamSpec.builder().index("0..*").arity("0..*").type(List.class)
                .auxiliaryTypes(String.class).paramLabel(label).hidden(true).build();
    }

    static final char NONE = 0;

    /** {@code --name VALUE}; repeatable (the last wins, or {@link #values} has them all). */
    static OptionSpec value(String name, char shorthand, String label, String help) {
        return names(name, shorthand).type(List.class).auxiliaryTypes(String.class).arity("1")
                .paramLabel(label).description(help).build();
    }

    /** {@code --name N}, an integer: a malformed one is pflag's ParseInt error. */
    static OptionSpec integer(String name, char shorthand, String label, String help) {
        return names(name, shorthand).type(int.class).arity("1").paramLabel(label).description(help)
                .converters(new IntConverter(name)).build();
    }

    /** A boolean: {@code --force}, {@code --force=true}, {@code --force=false}, clustered {@code -it}. */
    static OptionSpec bool(String name, char shorthand, String help) {
        return names(name, shorthand).type(boolean.class).arity("0..1").paramLabel("true|false").description(help)
                .converters(new BoolConverter(name)).build();
    }

    private static OptionSpec.Builder names(String name, char shorthand) {
        return shorthand == NONE ? OptionSpec.builder("--" + name) : OptionSpec.builder("-" + shorthand, "--" + name);
    }

    /** Plain classes, not lambdas: the first lambda of a JVM costs start-up time. */
    private static final class IntConverter implements ITypeConverter<Integer> {
        private final String name;

        IntConverter(String name) { this.name = name; }

        @Override
        public Integer convert(String v) {
            try {
                return Integer.valueOf(v);
            } catch (NumberFormatException e) {
                throw new Invalid("invalid argument \"" + v + "\" for \"--" + name + "\" flag: strconv.ParseInt: parsing \""
                        + v + "\": invalid syntax");
            }
        }
    }

    private static final class BoolConverter implements ITypeConverter<Boolean> {
        private final String name;

        BoolConverter(String name) { this.name = name; }

        @Override
        public Boolean convert(String v) {
            if (v.equals("true")) return Boolean.TRUE;
            if (v.equals("false")) return Boolean.FALSE;
            throw new Invalid("invalid argument \"" + v + "\" for \"--" + name + "\" flag: strconv.ParseBool: parsing \""
                    + v + "\": invalid syntax");
        }
    }

    /** A value its converter refused; picocli wraps it, {@link #usageError} unwraps it. */
    private static final class Invalid extends RuntimeException {
        Invalid(String message) { super(message, null, false, false); }
    }

    /** The last value of option {@code --name}, or {@code def}. */
    static String value(ParseResult r, String name, String def) {
        List<String> v = r.matchedOptionValue("--" + name, null);
        return v == null || v.isEmpty() ? def : v.get(v.size() - 1);
    }

    /** Every value of option {@code --name}, in order. */
    static List<String> values(ParseResult r, String name) {
        List<String> v = r.matchedOptionValue("--" + name, null);
        return v == null ? new ArrayList<>() : new ArrayList<>(v);
    }

    static boolean bool(ParseResult r, String name, boolean def) {
        return r.matchedOptionValue("--" + name, def);
    }

    static int integer(ParseResult r, String name, int def) {
        return r.matchedOptionValue("--" + name, def);
    }

    static List<String> positionals(ParseResult r) {
        List<String> p = r.matchedPositionalValue(0, null);
        return p == null ? new ArrayList<>() : new ArrayList<>(p);
    }

    /**
     * The number of positionals before {@code --}, or -1 when there was none (cobra's ArgsLenAtDash): picocli
     * takes everything after {@code --} as positionals, so they are the last ones.
     */
    static int positionalsBeforeDashDash(ParseResult r) {
        List<String> args = r.originalArgs();
        int at = args.indexOf("--");
        if (at < 0) return -1;
        return Math.max(0, positionals(r).size() - (args.size() - at - 1));
    }

    /** Parses {@code args} against {@code spec}; picocli's errors become kubectl's usage errors. */
    static ParseResult parse(CommandSpec spec, String[] args, String command) {
        CommandLine cl = new CommandLine(spec);
        try {
            return cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw usageError(e, args, command);
        }
    }

    /** kubectl's text for a picocli parameter error. */
    static CliException usageError(CommandLine.ParameterException e, String[] args, String command) {
        if (e.getCause() instanceof Invalid) return new UsageException(command, e.getCause().getMessage());
        if (e instanceof CommandLine.MissingParameterException && args.length > 0) {
            String flag = args[args.length - 1];
            if (flag.startsWith("--")) return new UsageException(command, "flag needs an argument: " + flag);
            char c = flag.charAt(flag.length() - 1);
            return new UsageException(command, "flag needs an argument: '" + c + "' in -" + c);
        }
        if (e instanceof CommandLine.UnmatchedArgumentException) {
            List<String> unmatched = ((CommandLine.UnmatchedArgumentException) e).getUnmatched();
            String first = unmatched.isEmpty() ? "" : unmatched.get(0);
            if (first.startsWith("--")) {
                int eq = first.indexOf('=');
                return new UsageException(command, "unknown flag: " + (eq < 0 ? first : first.substring(0, eq)));
            }
            if (first.startsWith("-") && first.length() > 1) {
                return new UsageException(command, "unknown shorthand flag: '" + first.charAt(1) + "' in " + first);
            }
            return new UsageException(command, "unexpected arguments " + unmatched);
        }
        return new UsageException(command, e.getMessage());
    }
}
