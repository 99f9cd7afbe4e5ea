package dev.minipod.runtime.sandbox;

import java.util.List;

/**
 * The pod's /etc/hosts, /etc/hostname and /etc/resolv.conf, in the kubelet's format (pure).
 * A pod without an IP (none yet) gets its hostname mapped to 127.0.1.1, the Debian convention for
 * a host without a fixed address, so `hostname -i` and lookups still work.
 */
public final class EtcFiles {
    static final String NO_NETWORK_ADDRESS = "127.0.1.1";

    private EtcFiles() {}

    /** The cluster domain the kubelet would be configured with; minipod has no cluster DNS to serve it. */
    public static final String CLUSTER_DOMAIN = "cluster.local";

    public static String hosts(String hostname, String podIp, List<String> hostAliases) {
        return hosts(hostname, "", "", podIp, hostAliases);
    }

    /**
     * Kubelet's managedHostsFileContent: with a subdomain the pod IP line reads
     * {@code IP\tHOSTNAME.SUBDOMAIN.NS.svc.cluster.local\tHOSTNAME}.
     */
    public static String hosts(String hostname, String subdomain, String namespace, String podIp, List<String> hostAliases) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Kubernetes-managed hosts file.\n");
        sb.append("127.0.0.1\tlocalhost\n");
        sb.append("::1\tlocalhost ip6-localhost ip6-loopback\n");
        sb.append("fe00::0\tip6-localnet\n");
        sb.append("fe00::0\tip6-mcastprefix\n");
        sb.append("fe00::1\tip6-allnodes\n");
        sb.append("fe00::2\tip6-allrouters\n");
        sb.append(podIp == null ? NO_NETWORK_ADDRESS : podIp).append('\t');
        if (subdomain != null && !subdomain.isEmpty()) {
            sb.append(hostname).append('.').append(subdomain).append('.').append(namespace).append(".svc.")
                    .append(CLUSTER_DOMAIN).append('\t');
        }
        sb.append(hostname).append('\n');
        if (!hostAliases.isEmpty()) {
            sb.append("\n# Entries added by HostAliases.\n");
            hostAliases.forEach(line -> sb.append(line).append('\n'));
        }
        return sb.toString();
    }

    /** Kubelet's hosts file for a hostNetwork pod: the node's own, then the host aliases. */
    public static String hostNetworkHosts(String nodeHosts, List<String> hostAliases) {
        StringBuilder sb = new StringBuilder("# Kubernetes-managed hosts file (host network).\n").append(nodeHosts);
        if (!hostAliases.isEmpty()) {
            if (!nodeHosts.isEmpty() && !nodeHosts.endsWith("\n")) {
                sb.append('\n');
            }
            sb.append("\n# Entries added by HostAliases.\n");
            hostAliases.forEach(line -> sb.append(line).append('\n'));
        }
        return sb.toString();
    }

    public static String hostname(String hostname) {
        return hostname + "\n";
    }
}
