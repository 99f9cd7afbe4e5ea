package dev.minipod.cli;

import java.io.PrintStream;

/**
 * Ctrl-C for the verbs that run until interrupted (get -w, wait): kubectl's interrupt handler flushes and exits
 * with status 1 (os.Exit(1)), not the 130 of a process killed by SIGINT, so minipod does the same. Only in a real
 * process ({@link Main#handleInterrupts}); uses the JDK's sun.misc.Signal and does nothing where it is missing.
 */
final class Interrupts {
    private Interrupts() {}

    static void exitOneOnSigint(PrintStream out) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), new Handler(out));
        } catch (LinkageError | IllegalArgumentException e) {
            // no signal support: the JVM's default (exit 130) stays
        }
    }

    /** A plain class, not a lambda, like the rest of the CLI. */
    private static final class Handler implements sun.misc.SignalHandler {
        private final PrintStream out;

        Handler(PrintStream out) { this.out = out; }

        @Override
        public void handle(sun.misc.Signal sig) {
            out.flush();
            Runtime.getRuntime().halt(1);
        }
    }
}
