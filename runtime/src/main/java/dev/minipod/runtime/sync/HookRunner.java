package dev.minipod.runtime.sync;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.minipod.runtime.api.PodService;
import dev.minipod.runtime.plan.ContainerPlan;
import dev.minipod.runtime.plan.Hook;
import dev.minipod.runtime.plan.PodPlan;
import dev.minipod.runtime.process.ContainerRunner;
import dev.minipod.runtime.process.Instance;

/** Runs lifecycle hooks in a container; failures come back in the kubelet's words. */
final class HookRunner {
    private static final int MAX_OUTPUT = 10 * 1024;

    private HookRunner() {}

    /** @return null on success, else the error text kubelet puts in its event */
    static String run(ContainerRunner runner, PodPlan pod, ContainerPlan c, Instance i, Hook hook) {
        if (hook.sleepSeconds() != null) {
            try {
                Thread.sleep(hook.sleepSeconds() * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PodService.ExecSink sink = new PodService.ExecSink() {
            public void stdout(byte[] b, int n) { keep(output, b, n); }

            public void stderr(byte[] b, int n) { keep(output, b, n); }
        };
        int code;
        String error;
        try {
            code = runner.exec(pod, c, i, hook.exec(), sink);
            error = "command '" + String.join(" ", hook.exec()) + "' exited with " + code + ": " + output.toString(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            code = -1;
            error = e.getMessage();
        }
        if (code == 0) {
            return null;
        }
        return "Exec lifecycle hook (" + goList(hook.exec()) + ") for Container \"" + c.name() + "\" in Pod \""
                + pod.name() + "_" + pod.namespace() + "(" + pod.uid() + ")\" failed - error: " + error
                + ", message: \"" + output.toString(StandardCharsets.UTF_8) + "\"";
    }

    private static synchronized void keep(ByteArrayOutputStream out, byte[] b, int n) {
        out.write(b, 0, Math.max(0, Math.min(n, MAX_OUTPUT - out.size())));
    }

    /** Go's %v of a []string: [sh -c exit 1]. */
    static String goList(List<String> l) {
        return "[" + String.join(" ", l) + "]";
    }
}
