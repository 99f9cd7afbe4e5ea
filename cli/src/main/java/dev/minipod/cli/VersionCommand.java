package dev.minipod.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;


/** {@code minipod version}. */
final class VersionCommand implements Verb {
    private final Main root;

    VersionCommand(Main root) { this.root = root; }

    @Override public String name() { return "version"; }
    @Override public String summary() { return "Print the client version."; }

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Options.command(name(), summary(), "minipod version");
        spec.addOption(Options.bool("client", Options.NONE, "Client version only (the default)"));
        spec.addPositional(Options.positionals("ARG"));
        return Options.addGlobals(spec);
    }

    @Override
    public void configure(ParseResult args) {
        Verbs.noPositionals(Options.positionals(args), "version");
    }

    @Override
    public int run() {
        root.out.println("Client Version: v" + Version.VERSION);
        return 0;
    }
}
