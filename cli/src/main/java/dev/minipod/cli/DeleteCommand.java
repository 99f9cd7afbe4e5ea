package dev.minipod.cli;

import dev.minipod.cli.PodTargets.Target;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code minipod delete pod NAME... | -f FILE}: asks for deletion, prints kubectl's line, and by default waits
 * until the pods are gone.
 */
final class DeleteCommand implements Verb {
    static final long POLL_MILLIS = 100;
    static final long DEFAULT_GRACE = 30;
    static final long WAIT_SLACK_SECONDS = 60;

    private final Main root;
    List<String> args = new ArrayList<>();
    List<String> files = new ArrayList<>();
    int gracePeriod = -1;
    boolean force;
    boolean now;
    boolean ignoreNotFound;
    boolean waitForDeletion = true;

    DeleteCommand(Main root) { this.root = root; }

    @Override public String name() { return "delete"; }
    @Override public String summary() { return "Delete pods by name or by manifest file."; }

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Options.command(name(), summary(),
                "minipod delete pod NAME... [--grace-period=N] [--force] [--now] [--ignore-not-found] [--wait=false]%n"
                + "  minipod delete -f FILE");
        spec.addOption(Options.value("filename", 'f', "FILE", "Delete the pods of this manifest"));
        spec.addOption(Options.integer("grace-period", Options.NONE, "SECONDS", "Seconds to terminate gracefully; -1: the pod's own"));
        spec.addOption(Options.bool("force", Options.NONE, "With --grace-period=0: remove at once"));
        spec.addOption(Options.bool("now", Options.NONE, "Same as --grace-period=1"));
        spec.addOption(Options.bool("ignore-not-found", Options.NONE, "A missing pod is not an error"));
        spec.addOption(Options.bool("wait", Options.NONE, "Wait until the pods are gone (default true)"));
        spec.addPositional(Options.positionals("pod NAME..."));
        return Options.addGlobals(spec);
    }

    @Override
    public void configure(ParseResult a) {
        args = Options.positionals(a);
        files = Options.values(a, "filename");
        gracePeriod = Options.integer(a, "grace-period", -1);
        force = Options.bool(a, "force", false);
        now = Options.bool(a, "now", false);
        ignoreNotFound = Options.bool(a, "ignore-not-found", false);
        waitForDeletion = Options.bool(a, "wait", true);
    }


    @Override
    public int run() throws IOException, InterruptedException {
        ApiClient api = root.api();
        List<PodTargets.ObjectTarget> others = new ArrayList<>();
        if (files.isEmpty() && ObjectArgs.isObjectRequest(args)) {
            for (ObjectArgs.Request r : ObjectArgs.parse(args, "delete")) {
                if (r.names.isEmpty()) throw CliException.usage("resource(s) were provided, but no name was specified");
                for (String n : r.names) others.add(new PodTargets.ObjectTarget(r.type, root.namespace(), n));
            }
            return deleteObjects(api, others);
        }
        int grace = effectiveGrace();
        List<Target> targets = PodTargets.resolve(root, files, args, "delete", others);
        int exit = deleteObjects(api, others);
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

    /** ConfigMaps, Secrets, claims, volumes, classes, presets: gone at once (no grace, nothing to wait for). */
    private int deleteObjects(ApiClient api, List<PodTargets.ObjectTarget> objects) throws IOException {
        int exit = 0;
        for (PodTargets.ObjectTarget t : objects) {
            try {
                api.delete(t.type.path(t.namespace, t.name));
                root.out.println(t.type.qualified() + " \"" + t.name + "\" deleted"
                        + (t.type.namespaced ? " from " + t.namespace + " namespace" : ""));
            } catch (ApiException e) {
                if (ignoreNotFound && "NotFound".equals(e.reason())) continue;
                int code = ErrorHandler.report(e, root.err);
                if (exit == 0) exit = code;
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
        return PodTargets.resolve(root, files, args, "delete");
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
