package dev.minipod.cli;

import java.util.List;

/** Small checks shared by the verbs. */
final class Verbs {
    private Verbs() {}

    static void noPositionals(List<String> positionals, String verb) {
        if (!positionals.isEmpty()) {
            throw new UsageException("minipod " + verb, "unexpected arguments " + positionals);
        }
    }
}
