package dev.minipod.runtime;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The undo of every side effect, registered right after the effect. On failure the undos run in
 * reverse; cleanup errors are attached to the original failure as suppressed exceptions.
 */
public final class Undo {
    private final Deque<Runnable> steps = new ArrayDeque<>();

    public void push(Runnable step) {
        steps.push(step);
    }

    /** Runs every undo in reverse order; returns the first failure with the rest suppressed, or null. */
    public RuntimeException runAll() {
        RuntimeException first = null;
        while (!steps.isEmpty()) {
            try {
                steps.pop().run();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        return first;
    }

    /** Undoes everything and rethrows {@code cause} with cleanup failures attached. */
    public RuntimeException rollback(RuntimeException cause) {
        RuntimeException cleanup = runAll();
        if (cleanup != null) {
            cause.addSuppressed(cleanup);
        }
        return cause;
    }

    public void forget() {
        steps.clear();
    }
}
