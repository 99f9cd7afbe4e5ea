package dev.minipod.cli;

import java.util.List;

/** One verb of the CLI: its flags, its help, how it reads its arguments, and what it does. */
interface Verb {
    String name();

    /** One line for the verb list of {@code minipod --help}. */
    String summary();

    /** The usage line(s), e.g. {@code minipod get pods [NAME...] [-o wide|json|yaml|name]}. */
    String usage();

    /** The verb's own flags (the global ones are added by {@link Main}). */
    List<Flag> flags();

    /** Reads the parsed arguments into the verb's fields; throws {@link CliException} for bad input. */
    void configure(Args args);

    /** Runs the verb and returns the exit code. */
    int run() throws Exception;
}
