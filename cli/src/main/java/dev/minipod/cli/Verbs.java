package dev.minipod.cli;

/** Small checks shared by the verbs. */
final class Verbs {
    private Verbs() {}

    static void noPositionals(Args args, String verb) {
        if (!args.positionals().isEmpty()) {
            throw new UsageException("minipod " + verb, "unexpected arguments " + args.positionals());
        }
    }
}
