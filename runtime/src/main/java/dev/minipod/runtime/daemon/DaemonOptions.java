package dev.minipod.runtime.daemon;

import java.nio.file.Path;
import java.time.Duration;

import dev.minipod.runtime.MinipodException;
import dev.minipod.runtime.network.NetworkOptions;
import dev.minipod.runtime.state.Layout;

/**
 * The daemon's settings: roots, where the native helpers are, CrashLoopBackOff timings (tests
 * shorten them), the cgroup parent and resource policies.
 *
 * @param podPidsLimit     pids.max of every pod cgroup, -1 for none (kubelet podPidsLimit)
 * @param cpuManagerPolicy "none" (default) or "static" (exclusive CPUs for Guaranteed pods)
 * @param reservedCpus     CPUs the static policy never hands out exclusively ("0", "0-1"), "" for none
 */
public record DaemonOptions(Layout layout, Path libexec, Duration backoffInitial, Duration backoffCap, String nodeName,
                            String cgroupParent, long podPidsLimit, String cpuManagerPolicy, String reservedCpus,
                            Security security, NetworkOptions network) {

    /**
     * @param seccompProfileRoot where Localhost seccomp profiles live (kubelet: {@code <root-dir>/seccomp})
     * @param allowedUnsafeSysctls kubelet's {@code --allowed-unsafe-sysctls}: names, or prefixes ending in {@code *}
     * @param seccompDefault kubelet's {@code --seccomp-default}: RuntimeDefault for containers that set no profile
     */
    public record Security(Path seccompProfileRoot, java.util.List<String> allowedUnsafeSysctls, boolean seccompDefault) {}

    /** The options tests and embedders usually want: no pids limit, no CPU manager, default security, the default pod network. */
    public DaemonOptions(Layout layout, Path libexec, Duration backoffInitial, Duration backoffCap, String nodeName,
                         String cgroupParent) {
        this(layout, libexec, backoffInitial, backoffCap, nodeName, cgroupParent, -1, "none", "",
                new Security(layout.root().resolve("seccomp"), java.util.List.of(), false), NetworkOptions.defaults());
    }

    public DaemonOptions withResources(long podPidsLimit, String cpuManagerPolicy, String reservedCpus) {
        return new DaemonOptions(layout, libexec, backoffInitial, backoffCap, nodeName, cgroupParent, podPidsLimit,
                cpuManagerPolicy, reservedCpus, security, network);
    }

    public DaemonOptions withSecurity(Security security) {
        return new DaemonOptions(layout, libexec, backoffInitial, backoffCap, nodeName, cgroupParent, podPidsLimit,
                cpuManagerPolicy, reservedCpus, security, network);
    }

    public DaemonOptions withNetwork(NetworkOptions network) {
        return new DaemonOptions(layout, libexec, backoffInitial, backoffCap, nodeName, cgroupParent, podPidsLimit,
                cpuManagerPolicy, reservedCpus, security, network);
    }

    public static DaemonOptions parse(String[] args) {
        Layout d = Layout.defaults();
        Path root = d.root();
        Path runRoot = d.runRoot();
        Path logRoot = d.logRoot();
        String lib = System.getProperty("minipod.libexec");
        Path libexec = lib == null ? null : Path.of(lib);
        Duration initial = Duration.ofSeconds(10);
        Duration cap = Duration.ofSeconds(300);
        String nodeName = null;
        String cgroupParent = "minipod";
        NetworkOptions net = NetworkOptions.defaults();
        long pidsLimit = -1;
        String cpuPolicy = "none";
        String reserved = "";
        Path seccompRoot = null;
        java.util.List<String> unsafeSysctls = java.util.List.of();
        boolean seccompDefault = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--root" -> root = Path.of(need(a, v));
                case "--run-root" -> runRoot = Path.of(need(a, v));
                case "--log-root" -> logRoot = Path.of(need(a, v));
                case "--libexec" -> libexec = Path.of(need(a, v));
                case "--backoff-initial" -> initial = duration(a, need(a, v));
                case "--backoff-cap" -> cap = duration(a, need(a, v));
                case "--node-name" -> nodeName = need(a, v);
                case "--cgroup-parent" -> cgroupParent = need(a, v);
                case "--cni-conf-dir" -> net = new NetworkOptions(Path.of(need(a, v)), net.pluginDirs(), net.bridge(), net.subnet(), net.timeout());
                case "--cni-bin-dir" -> net = new NetworkOptions(net.confDir(), java.util.Arrays.stream(need(a, v).split(":"))
                        .filter(s -> !s.isEmpty()).map(Path::of).toList(), net.bridge(), net.subnet(), net.timeout());
                case "--pod-subnet" -> net = new NetworkOptions(net.confDir(), net.pluginDirs(), net.bridge(), subnet(a, need(a, v)), net.timeout());
                case "--pod-bridge" -> net = new NetworkOptions(net.confDir(), net.pluginDirs(), bridge(a, need(a, v)), net.subnet(), net.timeout());
                case "--cni-timeout" -> net = new NetworkOptions(net.confDir(), net.pluginDirs(), net.bridge(), net.subnet(), duration(a, need(a, v)));
                case "--pod-pids-limit" -> pidsLimit = pidsLimit(need(a, v));
                case "--cpu-manager-policy" -> cpuPolicy = cpuPolicy(need(a, v));
                case "--reserved-cpus" -> reserved = need(a, v);
                case "--seccomp-profile-root" -> seccompRoot = Path.of(need(a, v));
                case "--seccomp-default" -> {
                    seccompDefault = true;
                    i--; // a switch: no value
                }
                case "--allowed-unsafe-sysctls" -> unsafeSysctls = java.util.Arrays.stream(need(a, v).split(","))
                        .map(String::trim).filter(x -> !x.isEmpty()).toList();
                case "--manifests" -> throw MinipodException.invalid(
                        "daemon: option `--manifests` (static pods) is not supported yet by minipod");
                default -> throw MinipodException.invalid("daemon: unknown option `" + a + "`");
            }
            i++;
        }
        if (libexec == null) {
            throw MinipodException.invalid("daemon: --libexec (or -Dminipod.libexec) must name the native helpers' directory");
        }
        for (String sysctl : unsafeSysctls) {
            String name = sysctl.endsWith("*") ? sysctl.substring(0, sysctl.length() - 1) + "x" : sysctl;
            if (!dev.minipod.runtime.security.Sysctls.namespaced(dev.minipod.runtime.security.Sysctls.dotted(name))) {
                // the kubelet refuses to start with these too: they would change the host
                throw MinipodException.invalid("daemon: option `--allowed-unsafe-sysctls`: `" + sysctl + "` is not a namespaced sysctl");
            }
        }
        return new DaemonOptions(new Layout(root, runRoot, logRoot), libexec, initial, cap,
                nodeName != null ? nodeName : HostInfo.hostname(), cgroupParent, pidsLimit, cpuPolicy, reserved,
                new Security(seccompRoot != null ? seccompRoot : root.resolve("seccomp"), unsafeSysctls, seccompDefault), net);
    }

    private static long pidsLimit(String v) {
        try {
            long n = Long.parseLong(v);
            if (n == -1 || n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw MinipodException.invalid("daemon: option `--pod-pids-limit`: invalid value `" + v + "` (a positive number, or -1 for none)");
    }

    private static String cpuPolicy(String v) {
        if (v.equals("none") || v.equals("static")) {
            return v;
        }
        throw MinipodException.invalid("daemon: option `--cpu-manager-policy`: unsupported value `" + v + "` (none, static)");
    }

    private static final java.util.regex.Pattern SUBNET = java.util.regex.Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)/([89]|1\\d|2[0-9]|30)");
    private static final java.util.regex.Pattern IFNAME = java.util.regex.Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,14}");

    /** An IPv4 CIDR with room for pods (/8 to /30). */
    static String subnet(String flag, String v) {
        if (!SUBNET.matcher(v).matches()) {
            throw MinipodException.invalid("daemon: option `" + flag + "`: invalid IPv4 subnet `" + v + "` (e.g. 10.86.0.0/16, prefix 8 to 30)");
        }
        return v;
    }

    /** A Linux interface name (at most 15 characters). */
    static String bridge(String flag, String v) {
        if (!IFNAME.matcher(v).matches()) {
            throw MinipodException.invalid("daemon: option `" + flag + "`: invalid interface name `" + v + "` (at most 15 of a-z A-Z 0-9 _ . -)");
        }
        return v;
    }

    private static final java.util.regex.Pattern DURATION = java.util.regex.Pattern.compile("(\\d{1,9})ms|(\\d{1,9}(?:\\.\\d{1,3})?)s|(\\d{1,9})m");
    private static final java.math.BigDecimal MAX_MS = java.math.BigDecimal.valueOf(24L * 3600 * 1000);

    private static String need(String flag, String value) {
        if (value == null) {
            throw MinipodException.invalid("daemon: option `" + flag + "` needs a value");
        }
        return value;
    }

    /** "10s", "500ms", "2m". */
    static Duration duration(String flag, String v) {
        java.util.regex.Matcher m = DURATION.matcher(v);
        if (m.matches()) {
            java.math.BigDecimal ms = m.group(1) != null ? new java.math.BigDecimal(m.group(1))
                    : m.group(2) != null ? new java.math.BigDecimal(m.group(2)).movePointRight(3)
                    : new java.math.BigDecimal(m.group(3)).multiply(java.math.BigDecimal.valueOf(60_000));
            if (ms.compareTo(MAX_MS) <= 0) {
                return Duration.ofMillis(ms.longValue());
            }
        }
        throw MinipodException.invalid("daemon: option `" + flag + "`: invalid duration `" + v + "` (use 10s, 500ms, 5m)");
    }
}
