package dev.minipod.runtime.sandbox;

import java.util.List;

/**
 * The pod's /etc/hosts, /etc/hostname and /etc/resolv.conf, in the kubelet's format (pure).
 * Without a pod network (a later issue) the pod has no IP; its hostname then maps to 127.0.1.1,
 * the Debian convention for a host without a fixed address, so `hostname -i` and lookups work.
 */
public final class EtcFiles {
    static final String NO_NETWORK_ADDRESS = "127.0.1.1";

    private EtcFiles() {}

    public static String hosts(String hostname, String podIp, List<String> hostAliases) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Kubernetes-managed hosts file.\n");
        sb.append("127.0.0.1\tlocalhost\n");
        sb.append("::1\tlocalhost ip6-localhost ip6-loopback\n");
        sb.append("fe00::0\tip6-localnet\n");
        sb.append("fe00::0\tip6-mcastprefix\n");
        sb.append("fe00::1\tip6-allnodes\n");
        sb.append("fe00::2\tip6-allrouters\n");
        sb.append(podIp == null ? NO_NETWORK_ADDRESS : podIp).append('\t').append(hostname).append('\n');
        if (!hostAliases.isEmpty()) {
            sb.append("\n# Entries added by HostAliases.\n");
            hostAliases.forEach(line -> sb.append(line).append('\n'));
        }
        return sb.toString();
    }

    public static String hostname(String hostname) {
        return hostname + "\n";
    }
}
