package dev.minipod.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * One verb of the CLI: its picocli command spec (options, help), how it reads the parse result, and what it
 * does. {@link Main} builds the spec of the invoked verb only.
 */
interface Verb {
    String name();

    /** One line for the verb list of {@code minipod --help}. */
    String summary();

    /** The verb's command spec: its own options and positionals, plus the global options ({@link Options#addGlobals}). */
    CommandSpec spec();

    /** Reads picocli's parse result into the verb's fields; throws {@link CliException} for bad input. */
    void configure(ParseResult args);

    /** Runs the verb and returns the exit code. */
    int run() throws Exception;
}
