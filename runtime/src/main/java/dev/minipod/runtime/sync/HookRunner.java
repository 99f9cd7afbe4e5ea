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
import dev.minipod.runtime.probe.HttpProbe;
import dev.minipod.runtime.probe.NetnsDialer;
import dev.minipod.runtime.probe.ProbeResult;
import dev.minipod.runtime.probe.Probers;

/** Runs lifecycle hooks in a container; failures come back in the kubelet's words. */
final class HookRunner {
    private static final int MAX_OUTPUT = 10 * 1024;

    private HookRunner() {}

    /** The kubelet's lifecycle User-Agent (its probes say kube-probe). */
    static final String USER_AGENT = "kube-lifecycle/1.35";
    /** How long a postStart httpGet may take (a preStop's is its grace period). */
    static final java.time.Duration HTTP_TIMEOUT = java.time.Duration.ofSeconds(30);

    /**
     * An httpGet hook, sent from the pod's network namespace: any HTTP answer counts as success
     * (the kubelet only fails on transport errors); HTTP only.
     */
    static String runHttp(NetnsDialer dialer, java.nio.file.Path netns, io.fabric8.kubernetes.api.model.Container spec,
                          io.fabric8.kubernetes.api.model.HTTPGetAction h, java.time.Duration timeout) {
        String scheme = h.getScheme() == null ? "HTTP" : h.getScheme();
        List<HttpProbe.Header> headers = new java.util.ArrayList<>();
        headers.add(new HttpProbe.Header("User-Agent", USER_AGENT));
        if (h.getHttpHeaders() != null) {
            h.getHttpHeaders().forEach(x -> headers.add(new HttpProbe.Header(x.getName(), x.getValue())));
        }
        String host = h.getHost() == null || h.getHost().isEmpty() ? "127.0.0.1" : h.getHost();
        ProbeResult r;
        try {
            r = new HttpProbe(dialer, netns, scheme, host, Probers.port(h.getPort(), spec), h.getPath(), headers).run(timeout);
        } catch (RuntimeException e) {
            return "Http lifecycle hook (" + h.getPath() + ") for Container \"" + spec.getName() + "\" failed - error: " + e.getMessage();
        }
        boolean answered = r.outcome() == ProbeResult.Outcome.SUCCESS
                || (r.outcome() == ProbeResult.Outcome.FAILURE && r.output().startsWith("HTTP probe failed with statuscode"));
        return answered ? null : "Http lifecycle hook (" + h.getPath() + ") for Container \"" + spec.getName()
                + "\" failed - error: " + r.output();
    }

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
