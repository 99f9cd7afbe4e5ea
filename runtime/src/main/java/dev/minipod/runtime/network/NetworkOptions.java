package dev.minipod.runtime.network;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Where the node's CNI configuration and plugins are, and what the default network (written when
 * the config dir holds none) looks like.
 *
 * @param bridge the default network's Linux bridge
 * @param subnet the default network's IPv4 subnet (host-local range)
 * @param timeout how long one plugin call may take before it is killed
 */
public record NetworkOptions(Path confDir, List<Path> pluginDirs, String bridge, String subnet, Duration timeout) {
    public static final Path CONF_DIR = Path.of("/etc/minipod/cni/net.d");
    public static final List<Path> PLUGIN_DIRS = List.of(Path.of("/usr/lib/cni"), Path.of("/opt/cni/bin"));
    public static final String BRIDGE = "minipod0";
    public static final String SUBNET = "10.86.0.0/16";
    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    public static NetworkOptions defaults() {
        return new NetworkOptions(CONF_DIR, PLUGIN_DIRS, BRIDGE, SUBNET, TIMEOUT);
    }
}
