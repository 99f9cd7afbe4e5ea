package dev.minipod.runtime.validate;

import static dev.minipod.runtime.validate.Paths.list;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Lifecycle;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.Probe;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Probes and lifecycle hooks: one handler, non-negative numbers, thresholds, init-container rules. */
final class ProbeChecks {
    private ProbeChecks() {}

    static final String INIT_FORBIDDEN = "may not be set for init containers without restartPolicy=Always";
    static final List<String> SCHEMES = List.of("HTTP", "HTTPS");

    /** Regular init containers may not have lifecycle or probes. */
    static void initContainerHooks(Container c, ContainerContext ctx, List<FieldError> out) {
        if (!ctx.init() || ctx.sidecar(c)) return;
        if (c.getLifecycle() != null) out.add(FieldError.forbidden(ctx.path() + ".lifecycle", INIT_FORBIDDEN));
        if (c.getLivenessProbe() != null) out.add(FieldError.forbidden(ctx.path() + ".livenessProbe", INIT_FORBIDDEN));
        if (c.getReadinessProbe() != null) out.add(FieldError.forbidden(ctx.path() + ".readinessProbe", INIT_FORBIDDEN));
        if (c.getStartupProbe() != null) out.add(FieldError.forbidden(ctx.path() + ".startupProbe", INIT_FORBIDDEN));
    }

    static void lifecycle(Container c, ContainerContext ctx, List<FieldError> out) {
        Lifecycle l = c.getLifecycle();
        if (l == null || (ctx.init() && !ctx.sidecar(c))) return;
        if (l.getPostStart() != null) hookHandler(l.getPostStart(), ctx.path() + ".lifecycle.postStart", out);
        if (l.getPreStop() != null) hookHandler(l.getPreStop(), ctx.path() + ".lifecycle.preStop", out);
    }

    /**
     * A probe or hook port given by name must name one of the container's own ports: the kubelet
     * resolves it there and would fail every probe at run time, so minipod refuses it at apply.
     */
    static void namedPorts(Container c, ContainerContext ctx, List<FieldError> out) {
        if (ctx.init() && !ctx.sidecar(c)) return;
        java.util.Set<String> names = new java.util.HashSet<>();
        list(c.getPorts()).forEach(p -> { if (p.getName() != null) names.add(p.getName()); });
        Map<String, Object> actions = new LinkedHashMap<>();
        for (String kind : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            Probe p = kind.equals("livenessProbe") ? c.getLivenessProbe() : kind.equals("readinessProbe") ? c.getReadinessProbe() : c.getStartupProbe();
            if (p != null) {
                actions.put(kind + ".httpGet", p.getHttpGet() == null ? null : p.getHttpGet().getPort());
                actions.put(kind + ".tcpSocket", p.getTcpSocket() == null ? null : p.getTcpSocket().getPort());
            }
        }
        if (c.getLifecycle() != null) {
            for (String hook : List.of("postStart", "preStop")) {
                LifecycleHandler h = hook.equals("postStart") ? c.getLifecycle().getPostStart() : c.getLifecycle().getPreStop();
                if (h != null) {
                    actions.put("lifecycle." + hook + ".httpGet", h.getHttpGet() == null ? null : h.getHttpGet().getPort());
                    actions.put("lifecycle." + hook + ".tcpSocket", h.getTcpSocket() == null ? null : h.getTcpSocket().getPort());
                }
            }
        }
        actions.forEach((where, port) -> {
            if (port instanceof IntOrString p && p.getStrVal() != null && Names.portName(p.getStrVal()).isEmpty()
                    && !names.contains(p.getStrVal())) {
                out.add(FieldError.invalid(ctx.path() + "." + where + ".port", p.getStrVal(),
                        "must be the name of one of this container's ports"));
            }
        });
    }

    static void probes(Container c, ContainerContext ctx, List<FieldError> out) {
        if (ctx.init() && !ctx.sidecar(c)) return;
        Probe live = c.getLivenessProbe();
        if (live != null) {
            probe(live, ctx.path() + ".livenessProbe", out);
            successIsOne(live, ctx.path() + ".livenessProbe", out);
        }
        Probe ready = c.getReadinessProbe();
        if (ready != null) {
            probe(ready, ctx.path() + ".readinessProbe", out);
            if (ready.getTerminationGracePeriodSeconds() != null) {
                out.add(FieldError.invalid(ctx.path() + ".readinessProbe.terminationGracePeriodSeconds",
                        ready.getTerminationGracePeriodSeconds(), "must not be set for readinessProbes"));
            }
        }
        Probe startup = c.getStartupProbe();
        if (startup != null) {
            probe(startup, ctx.path() + ".startupProbe", out);
            successIsOne(startup, ctx.path() + ".startupProbe", out);
        }
    }

    private static void successIsOne(Probe p, String path, List<FieldError> out) {
        if (p.getSuccessThreshold() != null && p.getSuccessThreshold() != 1) {
            out.add(FieldError.invalid(path + ".successThreshold", p.getSuccessThreshold(), "must be 1"));
        }
    }

    static void probe(Probe p, String path, List<FieldError> out) {
        Map<String, Object> handlers = new LinkedHashMap<>();
        handlers.put("exec", p.getExec());
        handlers.put("httpGet", p.getHttpGet());
        handlers.put("tcpSocket", p.getTcpSocket());
        handlers.put("grpc", p.getGrpc());
        handler(handlers, path, out);
        Paths.nonNegative(out, path + ".initialDelaySeconds", p.getInitialDelaySeconds());
        Paths.nonNegative(out, path + ".timeoutSeconds", p.getTimeoutSeconds());
        Paths.nonNegative(out, path + ".periodSeconds", p.getPeriodSeconds());
        Paths.nonNegative(out, path + ".successThreshold", p.getSuccessThreshold());
        Paths.nonNegative(out, path + ".failureThreshold", p.getFailureThreshold());
        Long tgps = p.getTerminationGracePeriodSeconds();
        if (tgps != null && tgps <= 0) out.add(FieldError.invalid(path + ".terminationGracePeriodSeconds", tgps, "must be greater than 0"));
    }

    private static void hookHandler(LifecycleHandler h, String path, List<FieldError> out) {
        Map<String, Object> handlers = new LinkedHashMap<>();
        handlers.put("exec", h.getExec());
        handlers.put("httpGet", h.getHttpGet());
        handlers.put("tcpSocket", h.getTcpSocket());
        handlers.put("sleep", h.getSleep());
        handler(handlers, path, out);
    }

    /** Exactly one handler; each extra is Forbidden, none is Required. */
    private static void handler(Map<String, Object> handlers, String path, List<FieldError> out) {
        int count = 0;
        for (Map.Entry<String, Object> e : handlers.entrySet()) {
            if (e.getValue() == null) continue;
            String hp = path + "." + e.getKey();
            if (count > 0) {
                out.add(FieldError.forbidden(hp, "may not specify more than 1 handler type"));
                continue;
            }
            count++;
            action(e.getKey(), e.getValue(), hp, out);
        }
        if (count == 0) out.add(FieldError.required(path, "must specify a handler type"));
    }

    private static void action(String kind, Object a, String path, List<FieldError> out) {
        switch (kind) {
            case "exec" -> {
                if (list(((io.fabric8.kubernetes.api.model.ExecAction) a).getCommand()).isEmpty()) {
                    out.add(FieldError.required(path + ".command", ""));
                }
            }
            case "httpGet" -> {
                HTTPGetAction h = (HTTPGetAction) a;
                if (Paths.empty(h.getPath())) out.add(FieldError.required(path + ".path", ""));
                port(h.getPort(), path + ".port", out);
                if (!Paths.empty(h.getScheme()) && !SCHEMES.contains(h.getScheme())) {
                    out.add(FieldError.unsupported(path + ".scheme", h.getScheme(), SCHEMES));
                }
            }
            case "tcpSocket" -> port(((io.fabric8.kubernetes.api.model.TCPSocketAction) a).getPort(), path + ".port", out);
            case "grpc" -> {
                Integer p = ((io.fabric8.kubernetes.api.model.GRPCAction) a).getPort();
                int n = p == null ? 0 : p;
                if (!PortChecks.validPort(n)) out.add(FieldError.invalid(path + ".port", n, PortChecks.PORT_RANGE));
            }
            case "sleep" -> {
                Long s = ((io.fabric8.kubernetes.api.model.SleepAction) a).getSeconds();
                Paths.nonNegative(out, path + ".seconds", s);
            }
            default -> { }
        }
    }

    private static void port(IntOrString port, String path, List<FieldError> out) {
        if (port == null) {
            out.add(FieldError.invalid(path, 0, PortChecks.PORT_RANGE));
        } else if (port.getStrVal() != null) {
            Paths.invalidEach(out, path, port.getStrVal(), Names.portName(port.getStrVal()));
        } else {
            int n = port.getIntVal() == null ? 0 : port.getIntVal();
            if (!PortChecks.validPort(n)) out.add(FieldError.invalid(path, n, PortChecks.PORT_RANGE));
        }
    }
}
