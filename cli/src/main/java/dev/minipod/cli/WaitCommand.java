package dev.minipod.cli;

import dev.minipod.cli.PodTargets.Target;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code minipod wait --for=condition=Ready|--for=jsonpath='{...}'=V|--for=delete pod/NAME... [--timeout=30s]}:
 * polls each pod in turn (GET every 100 ms) until the condition holds, within one overall deadline, and prints
 * kubectl's lines ({@code pod/NAME condition met}, {@code pod/NAME deleted}). Like kubectl it stops at the first
 * pod that fails: a timeout is {@code error: timed out waiting for the condition on pods/NAME} (exit 1); a missing
 * pod is the server's NotFound (exit 3 in minipod, 1 in kubectl), except for {@code --for=delete}, where a pod
 * that is already gone is skipped silently. Ctrl-C exits 1, as kubectl's interrupt handler does.
 */
final class WaitCommand implements Verb {
    static final long POLL_MILLIS = 100;
    static final long DEFAULT_TIMEOUT_NANOS = 30_000_000_000L;
    /** kubectl: a negative timeout means a week. */
    static final long WEEK_NANOS = 168L * 3600 * 1_000_000_000L;

    private final Main root;
    List<String> args = new ArrayList<>();
    List<String> files = new ArrayList<>();
    WaitCondition condition;
    long timeoutNanos = DEFAULT_TIMEOUT_NANOS;

    WaitCommand(Main root) { this.root = root; }

    @Override public String name() { return "wait"; }
    @Override public String summary() { return "Wait for a condition on one or many pods."; }

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Options.command(name(), summary(),
                "minipod wait pod/NAME... [--for=delete|--for=condition=Ready[=false]|--for=jsonpath='{.status.phase}'=Running]"
                + " [--timeout=30s]%n  minipod wait -f FILE --for=...");
        spec.addOption(Options.value("for", Options.NONE, "CONDITION",
                "delete, condition=NAME[=VALUE] (VALUE default true) or jsonpath='{EXPR}'[=VALUE]"));
        spec.addOption(Options.value("timeout", Options.NONE, "DURATION",
                "How long to wait (default 30s); 0 checks once, negative waits a week"));
        spec.addOption(Options.value("filename", 'f', "FILE", "Wait for the pods of this manifest"));
        spec.addPositional(Options.positionals("pod/NAME..."));
        return Options.addGlobals(spec);
    }

    @Override
    public void configure(ParseResult a) {
        args = Options.positionals(a);
        files = Options.values(a, "filename");
        condition = WaitCondition.parse(Options.value(a, "for", ""));
        String t = Options.value(a, "timeout", null);
        if (t != null) {
            try {
                timeoutNanos = GoDuration.parseNanos(t);
            } catch (IllegalArgumentException e) {
                throw new UsageException("minipod wait", "invalid argument \"" + t + "\" for \"--timeout\" flag: " + e.getMessage());
            }
            if (timeoutNanos < 0) timeoutNanos = WEEK_NANOS;
        }
    }


    @Override
    public int run() throws IOException, InterruptedException {
        List<Target> targets = targets();
        if (root.handleInterrupts) Interrupts.exitOneOnSigint(root.out);
        ApiClient api = root.api();
        long deadline = root.clock.nanoTime() + timeoutNanos;
        for (Target t : targets) {
            boolean done = condition.kind == WaitCondition.Kind.DELETE ? waitDeleted(api, t, deadline) : waitMet(api, t, deadline);
            if (done) root.out.println("pod/" + t.name + (condition.kind == WaitCondition.Kind.DELETE ? " deleted" : " condition met"));
            root.out.flush();
        }
        return 0;
    }

    /** True once the pod is gone; false when it never existed (kubectl skips it silently). */
    private boolean waitDeleted(ApiClient api, Target t, long deadline) throws IOException, InterruptedException {
        String path = ApiClient.podPath(t.namespace, t.name);
        if (!exists(api, path)) return false;
        if (timeoutNanos == 0) throw notMet(t);
        while (true) {
            pause(t, deadline);
            if (!exists(api, path)) return true;
        }
    }

    private boolean waitMet(ApiClient api, Target t, long deadline) throws IOException, InterruptedException {
        String path = ApiClient.podPath(t.namespace, t.name);
        if (condition.isMet(api.get(path))) return true;
        if (timeoutNanos == 0) throw notMet(t);
        while (true) {
            pause(t, deadline);
            if (condition.isMet(api.get(path))) return true;
        }
    }

    /** Sleeps one poll interval (less when the deadline is nearer); throws the timeout once it has passed. */
    private void pause(Target t, long deadline) throws InterruptedException {
        long left = deadline - root.clock.nanoTime();
        if (left <= 0) throw new CliException(1, "error: timed out waiting for the condition on pods/" + t.name);
        root.clock.sleep(Math.max(1, Math.min(POLL_MILLIS, left / 1_000_000)));
    }

    private static boolean exists(ApiClient api, String path) throws IOException {
        try {
            api.get(path);
            return true;
        } catch (ApiException e) {
            if ("NotFound".equals(e.reason()) || e.code() == 404) return false;
            throw e;
        }
    }

    private static CliException notMet(Target t) {
        return new CliException(1, "error: condition not met for pods/" + t.name);
    }

    List<Target> targets() throws IOException {
        return PodTargets.resolve(root, files, args, "wait");
    }
}
