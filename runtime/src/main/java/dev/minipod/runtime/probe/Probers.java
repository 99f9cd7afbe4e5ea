package dev.minipod.runtime.probe;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.minipod.runtime.linux.Kernel;
import dev.minipod.runtime.plan.EnvExpander;
import dev.minipod.runtime.process.ExecRunner;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;

/** Builds the {@link Prober} for a probe spec (httpGet, tcpSocket, exec); anything unsupported runs as UNKNOWN. */
public final class Probers {
    private Probers() {}

    /**
     * Where a container's probes run.
     *
     * @param netns      the pod's pinned netns file (/run/minipod/pods/UID/ns/net); null: the daemon's own
     * @param podIp      the default host for httpGet/tcpSocket; null or empty: 127.0.0.1 (inside netns)
     * @param execTarget the running container, for exec probes (null if the container has none)
     */
    public record Context(NetnsDialer dialer, Path netns, String podIp, ExecRunner execRunner, Kernel kernel,
                          ExecProbe.Target execTarget) {}

    public static Prober of(Probe spec, Container container, Context ctx) {
        try {
            if (spec.getHttpGet() != null) {
                HTTPGetAction h = spec.getHttpGet();
                int port = port(h.getPort(), container);
                List<HttpProbe.Header> headers = new ArrayList<>();
                if (h.getHttpHeaders() != null) {
                    h.getHttpHeaders().forEach(x -> headers.add(new HttpProbe.Header(x.getName(), x.getValue())));
                }
                return new HttpProbe(ctx.dialer(), ctx.netns(), h.getScheme(), host(h.getHost(), ctx), port, h.getPath(), headers);
            }
            if (spec.getTcpSocket() != null) {
                int port = port(spec.getTcpSocket().getPort(), container);
                return new TcpProbe(ctx.dialer(), ctx.netns(), host(spec.getTcpSocket().getHost(), ctx), port);
            }
            if (spec.getExec() != null) {
                List<String> cmd = spec.getExec().getCommand() == null ? List.of() : expand(spec.getExec().getCommand(), container);
                return new ExecProbe(ctx.execRunner(), ctx.kernel(), ctx.execTarget(), cmd);
            }
            if (spec.getGrpc() != null) {
                return failing("gRPC probes are not supported yet");
            }
            return failing("missing probe handler");
        } catch (IllegalArgumentException e) {
            return failing(e.getMessage());
        }
    }

    private static Prober failing(String error) {
        return timeout -> ProbeResult.unknown(error);
    }

    private static String host(String specHost, Context ctx) {
        if (specHost != null && !specHost.isEmpty()) return specHost;
        return ctx.podIp() == null || ctx.podIp().isEmpty() ? "127.0.0.1" : ctx.podIp();
    }

    /** A port number, a containerPort name, or a number written as a string; 1..65535. */
    public static int port(IntOrString p, Container c) {
        if (p == null) throw new IllegalArgumentException("probe has no port");
        int port;
        if (p.getIntVal() != null) {
            port = p.getIntVal();
        } else {
            String name = p.getStrVal();
            Integer byName = null;
            if (c.getPorts() != null) {
                for (ContainerPort cp : c.getPorts()) {
                    if (name.equals(cp.getName())) {
                        byName = cp.getContainerPort();
                        break;
                    }
                }
            }
            if (byName != null) {
                port = byName;
            } else {
                try {
                    port = Integer.parseInt(name);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("couldn't find port: " + name + " in container " + GoText.quote(c.getName()));
                }
            }
        }
        if (port <= 0 || port >= 65536) throw new IllegalArgumentException("invalid port number: " + port);
        return port;
    }

    /** $(VAR) in an exec command: the container's own env values only (valueFrom ones read as ""). */
    static List<String> expand(List<String> command, Container c) {
        Map<String, String> vars = new HashMap<>();
        if (c.getEnv() != null) {
            for (EnvVar e : c.getEnv()) vars.put(e.getName(), e.getValue() == null ? "" : e.getValue());
        }
        List<String> out = new ArrayList<>(command.size());
        for (String arg : command) out.add(EnvExpander.expand(arg, vars));
        return out;
    }
}
