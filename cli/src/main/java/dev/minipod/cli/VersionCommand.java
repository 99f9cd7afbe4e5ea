package dev.minipod.cli;

import java.util.List;

/** {@code minipod version}. */
final class VersionCommand implements Verb {
    private final Main root;

    VersionCommand(Main root) { this.root = root; }

    @Override public String name() { return "version"; }
    @Override public String summary() { return "Print the client version."; }
    @Override public String usage() { return "minipod version"; }
    @Override public List<Flag> flags() { return List.of(Flag.bool("client", Flag.NO_SHORTHAND, "Client version only (the default)")); }

    @Override
    public void configure(Args args) {
        Verbs.noPositionals(args, "version");
    }

    @Override
    public int run() {
        root.out.println("Client Version: v" + Version.VERSION);
        return 0;
    }
}
