package dev.minipod.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code minipod delete pod NAME... | -f FILE}: asks for deletion, prints kubectl's line, and by default waits
 * until the pods are gone.
 */
@Command(name = "delete", description = "Delete pods by name or by manifest file.")
final class DeleteCommand implements Callable<Integer> {
    static final long POLL_MILLIS = 100;
    static final long DEFAULT_GRACE = 30;
    static final long WAIT_SLACK_SECONDS = 60;

    @ParentCommand
    Main root;

    @Parameters(arity = "0..*", paramLabel = "TYPE NAME...", description = "pod NAME..., or pod/NAME...")
    List<String> args = new ArrayList<>();

    @Option(names = {"-f", "--filename"}, paramLabel = "FILE", description = "Delete the pods of this manifest.")
    List<String> files = new ArrayList<>();

    @Option(names = "--grace-period", paramLabel = "SECONDS", defaultValue = "-1",
            description = "Seconds given to the pod to terminate gracefully; -1 uses the pod's own.")
    int gracePeriod = -1;

    @Option(names = "--force", description = "With --grace-period=0: remove immediately.")
    boolean force;

    @Option(names = "--now", description = "Same as --grace-period=1.")
    boolean now;

    @Option(names = "--ignore-not-found", description = "A missing pod is not an error.")
    boolean ignoreNotFound;

    @Option(names = "--wait", arity = "0..1", defaultValue = "true", fallbackValue = "true", paramLabel = "BOOL",
            description = "Wait until the pods are gone (default true).")
    boolean waitForDeletion = true;

    record Target(String namespace, String name) {}

    @Override
    public Integer call() throws IOException, InterruptedException {
        int grace = effectiveGrace();
        List<Target> targets = targets();
        ApiClient api = root.api();
        int exit = 0;
        List<Target> deleted = new ArrayList<>();
        long maxGrace = 0;
        for (Target t : targets) {
            String path = ApiClient.podPath(t.namespace(), t.name()) + (grace >= 0 ? "?gracePeriodSeconds=" + grace : "");
            try {
                JsonNode pod = api.delete(path);
                root.out.println("pod \"" + t.name() + "\" " + (grace == 0 && force ? "force deleted" : "deleted")
                        + " from " + t.namespace() + " namespace");
                deleted.add(t);
                maxGrace = Math.max(maxGrace, grace >= 0 ? grace : podGrace(pod));
            } catch (ApiException e) {
                if (ignoreNotFound && "NotFound".equals(e.reason())) continue;
                int code = ErrorHandler.report(e, root.err);
                if (exit == 0) exit = code;
            }
        }
        if (waitForDeletion && !deleted.isEmpty()) {
            long deadline = System.nanoTime() + (maxGrace + WAIT_SLACK_SECONDS) * 1_000_000_000L;
            for (Target t : deleted) {
                if (!waitGone(api, t, deadline)) {
                    root.err.println("error: timed out waiting for the condition on pods/" + t.name());
                    if (exit == 0) exit = 1;
                }
            }
        }
        return exit;
    }

    /** kubectl's rules for --now, --grace-period and --force; prints its warnings. */
    int effectiveGrace() {
        int grace = gracePeriod;
        if (now) {
            if (grace != -1) throw CliException.usage("--now and --grace-period cannot be specified together");
            grace = 1;
        }
        if (grace == 0 && !force) {
            if (!waitForDeletion) {
                throw CliException.usage("--grace-period=0 must have either --force specified, or --wait to be set to true");
            }
            grace = 1; // kubectl turns a bare --grace-period=0 into 1 and waits, to avoid accidental data loss
        }
        if (force && grace < 0) grace = 0;
        if (force && grace == 0) {
            root.err.println("Warning: Immediate deletion does not wait for confirmation that the running resource"
                    + " has been terminated. The resource may continue to run on the cluster indefinitely.");
        } else if (force) {
            root.err.println("warning: --force is ignored because --grace-period is not 0.");
        }
        return grace;
    }

    List<Target> targets() throws IOException {
        if (!files.isEmpty() && !args.isEmpty()) {
            throw CliException.usage("when paths, URLs, or stdin is provided as input, you may not specify"
                    + " resource arguments as well");
        }
        List<Target> out = new ArrayList<>();
        if (!files.isEmpty()) {
            for (String f : files) {
                for (Manifests.Doc doc : Manifests.read(f, root.in)) {
                    JsonNode obj = doc.object();
                    String kind = obj.path("kind").asText("");
                    if (!"Pod".equals(kind)) {
                        throw CliException.failure("resource mapping not found for name: \""
                                + obj.path("metadata").path("name").asText("") + "\" from \"" + doc.source()
                                + "\": no matches for kind \"" + kind + "\" in version \""
                                + obj.path("apiVersion").asText("") + "\"");
                    }
                    String ns = obj.path("metadata").path("namespace").asText("");
                    out.add(new Target(ns.isEmpty() ? root.namespace() : ns, obj.path("metadata").path("name").asText()));
                }
            }
            return out;
        }
        if (args.isEmpty()) {
            throw CliException.usage("You must provide one or more resources by argument or filename.");
        }
        List<String> names = ResourceArgs.podNames(args, "delete");
        if (names.isEmpty()) {
            throw CliException.usage("resource(s) were provided, but no name was specified");
        }
        for (String n : names) out.add(new Target(root.namespace(), n));
        return out;
    }

    private static long podGrace(JsonNode pod) {
        JsonNode meta = pod.path("metadata").path("deletionGracePeriodSeconds");
        if (meta.isNumber()) return meta.asLong();
        JsonNode spec = pod.path("spec").path("terminationGracePeriodSeconds");
        return spec.isNumber() ? spec.asLong() : DEFAULT_GRACE;
    }

    /** Polls until GET answers 404; false when the deadline passes first. */
    private static boolean waitGone(ApiClient api, Target t, long deadline) throws IOException, InterruptedException {
        String path = ApiClient.podPath(t.namespace(), t.name());
        while (true) {
            try {
                api.get(path);
            } catch (ApiException e) {
                if (e.code() == 404) return true;
                throw e;
            }
            if (System.nanoTime() >= deadline) return false;
            Thread.sleep(POLL_MILLIS);
        }
    }
}
