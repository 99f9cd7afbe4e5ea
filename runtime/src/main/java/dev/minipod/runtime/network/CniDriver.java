package dev.minipod.runtime.network;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runs a network list's plugins the way libcni does: ADD in list order, each result the next one's
 * prevResult; DEL in reverse order with the cached result; CHECK in order with the cached result.
 */
public final class CniDriver {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CniDriver.class);
    private final List<Path> pluginDirs;
    private final PluginExec exec;
    private final Duration timeout;

    public CniDriver(List<Path> pluginDirs, PluginExec exec, Duration timeout) {
        this.pluginDirs = List.copyOf(pluginDirs);
        this.exec = exec;
        this.timeout = timeout;
    }

    public CniResult add(NetworkList net, CniRuntime rt) {
        JsonNode prev = null;
        for (NetworkList.Plugin p : net.plugins()) {
            prev = invoke(net, p, "ADD", rt, prev).raw();
        }
        return new CniResult(prev);
    }

    /**
     * Runs every plugin's DEL even when one fails (a leaked rule is worse than a repeated DEL; DEL
     * is idempotent by the spec) and throws the first failure. A plugin that cannot be found is
     * skipped: its ADD could not have run either, and the pod must still be deletable.
     */
    public void del(NetworkList net, CniRuntime rt, CniResult cached) {
        JsonNode prev = cached != null && net.hasPrevResultOnDel() ? cached.raw() : null;
        CniException first = null;
        List<NetworkList.Plugin> plugins = net.plugins();
        for (int i = plugins.size() - 1; i >= 0; i--) {
            if (lookup(plugins.get(i).type()) == null) {
                LOG.warn("event=cni-del-skipped plugin={} reason=not-found", plugins.get(i).type());
                continue;
            }
            try {
                invoke(net, plugins.get(i), "DEL", rt, prev);
            } catch (CniException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    public void check(NetworkList net, CniRuntime rt, CniResult cached) {
        if (!NetworkList.version4OrLater(net.cniVersion())) {
            return; // CHECK came with 0.4.0
        }
        for (NetworkList.Plugin p : net.plugins()) {
            invoke(net, p, "CHECK", rt, cached.raw());
        }
    }

    private CniResult invoke(NetworkList net, NetworkList.Plugin p, String command, CniRuntime rt, JsonNode prev) {
        Path binary = find(p.type());
        CniInvocation inv = CniInvocation.of(net, p, command, rt, prev, cniPath());
        long t0 = System.nanoTime();
        PluginExec.Output out = exec.run(binary, inv.env(), inv.stdin(), timeout);
        LOG.debug("event=cni-call type={} command={} status={} micros={}", p.type(), command, out.status(), (System.nanoTime() - t0) / 1000);
        if (out.status() != 0) {
            CniError e = CniError.parse(out.stdout(), out.stderr(), out.status());
            throw new CniException("plugin type=\"" + p.type() + "\" name=\"" + net.name() + "\" failed ("
                    + command.toLowerCase() + "): " + e.text());
        }
        if (!command.equals("ADD")) {
            return null;
        }
        return CniResult.parse(out.stdout(), p.type());
    }

    private Path lookup(String type) {
        if (!type.contains("/") && !type.equals(".") && !type.equals("..")) {
            for (Path dir : pluginDirs) {
                Path p = dir.resolve(type);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    private Path find(String type) {
        Path p = lookup(type);
        if (p != null) {
            return p;
        }
        throw new CniException("failed to find plugin \"" + type + "\" in path " + pluginDirs.stream()
                .map(Path::toString).collect(Collectors.joining(" ", "[", "]")));
    }

    private String cniPath() {
        return pluginDirs.stream().map(Path::toString).collect(Collectors.joining(":"));
    }
}
