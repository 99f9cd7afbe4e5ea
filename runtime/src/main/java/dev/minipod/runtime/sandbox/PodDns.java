package dev.minipod.runtime.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.PodDNSConfig;
import io.fabric8.kubernetes.api.model.PodDNSConfigOption;
import io.fabric8.kubernetes.api.model.PodSpec;

/**
 * The pod's /etc/resolv.conf by the kubelet's rules (kl/network/dns/dns.go; pure). minipod has no
 * cluster DNS, so ClusterFirst (without hostNetwork) and ClusterFirstWithHostNet fall back to the
 * node's resolver with a MissingClusterDNS warning, exactly as a kubelet without clusterDNS does.
 * dnsConfig is appended (nameservers, searches without duplicates; options by name, the pod's
 * winning) and the result cut to the resolver's limits with a DNSConfigForming warning.
 */
public final class PodDns {
    static final int MAX_NAMESERVERS = 3;
    static final int MAX_SEARCH_PATHS = 32;
    static final int MAX_SEARCH_CHARS = 2048;

    private PodDns() {}

    /** A warning event the kubelet would record while forming the config. */
    public record Warning(String reason, String message) {}

    public record Result(String resolvConf, List<Warning> warnings) {}

    record Config(List<String> servers, List<String> searches, List<String> options) {}

    /**
     * @param podRef the pod as the kubelet's format.Pod prints it: {@code name_namespace(uid)}
     * @param hostResolvConf the node's /etc/resolv.conf
     */
    public static Result resolve(PodSpec spec, String podRef, String hostResolvConf) {
        List<Warning> warnings = new ArrayList<>();
        String policy = spec.getDnsPolicy() == null ? "ClusterFirst" : spec.getDnsPolicy();
        boolean hostNetwork = Boolean.TRUE.equals(spec.getHostNetwork());
        boolean cluster = policy.equals("ClusterFirstWithHostNet") || (policy.equals("ClusterFirst") && !hostNetwork);
        if (cluster) {
            warnings.add(new Warning("MissingClusterDNS", "pod: \"" + podRef + "\". kubelet does not have ClusterDNS IP configured "
                    + "and cannot create Pod using \"ClusterFirst\" policy. Falling back to \"Default\" policy."));
        }
        Config c = policy.equals("None") ? new Config(List.of(), List.of(), List.of()) : parse(hostResolvConf);
        if (spec.getDnsConfig() != null) {
            c = append(c, spec.getDnsConfig());
        }
        c = fitLimits(c, warnings);
        return new Result(render(c), List.copyOf(warnings));
    }

    /** The kubelet's parseResolvConf: every nameserver, the last search line, options merged. */
    static Config parse(String text) {
        List<String> servers = new ArrayList<>();
        List<String> searches = new ArrayList<>();
        List<String> options = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            if (f.length == 0 || f[0].isEmpty()) {
                continue;
            }
            switch (f[0]) {
                case "nameserver" -> {
                    if (f.length >= 2) {
                        servers.add(f[1]);
                    }
                }
                case "search" -> {
                    searches = new ArrayList<>();
                    for (int i = 1; i < f.length; i++) {
                        if (!f[i].equals(".")) {
                            searches.add(f[i].endsWith(".") ? f[i].substring(0, f[i].length() - 1) : f[i]);
                        }
                    }
                }
                case "options" -> options = mergeOptions(options, List.of(f).subList(1, f.length));
                default -> { }
            }
        }
        return new Config(servers, searches, options);
    }

    static Config append(Config base, PodDNSConfig pod) {
        List<String> servers = new ArrayList<>(base.servers());
        servers.addAll(pod.getNameservers() == null ? List.of() : pod.getNameservers());
        List<String> searches = new ArrayList<>(base.searches());
        searches.addAll(pod.getSearches() == null ? List.of() : pod.getSearches());
        List<String> podOptions = new ArrayList<>();
        for (PodDNSConfigOption o : pod.getOptions() == null ? List.<PodDNSConfigOption>of() : pod.getOptions()) {
            podOptions.add(o.getValue() == null ? o.getName() : o.getName() + ":" + o.getValue());
        }
        return new Config(List.copyOf(new LinkedHashSet<>(servers)), List.copyOf(new LinkedHashSet<>(searches)),
                mergeOptions(base.options(), podOptions));
    }

    /** Options by name ("ndots:5", "rotate"); a later one replaces an earlier one of the same name in place. */
    private static List<String> mergeOptions(List<String> base, List<String> more) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (String o : base) {
            byName.put(name(o), o);
        }
        for (String o : more) {
            byName.put(name(o), o);
        }
        return List.copyOf(byName.values());
    }

    private static String name(String option) {
        int colon = option.indexOf(':');
        return colon < 0 ? option : option.substring(0, colon);
    }

    private static Config fitLimits(Config c, List<Warning> warnings) {
        List<String> servers = c.servers();
        if (servers.size() > MAX_NAMESERVERS) {
            servers = servers.subList(0, MAX_NAMESERVERS);
            warnings.add(new Warning("DNSConfigForming", "Nameserver limits were exceeded, some nameservers have been omitted, "
                    + "the applied nameserver line is: " + String.join(" ", servers)));
        }
        List<String> searches = c.searches();
        boolean cut = false;
        if (searches.size() > MAX_SEARCH_PATHS) {
            searches = searches.subList(0, MAX_SEARCH_PATHS);
            cut = true;
        }
        while (!searches.isEmpty() && String.join(" ", searches).length() > MAX_SEARCH_CHARS) {
            searches = searches.subList(0, searches.size() - 1);
            cut = true;
        }
        if (cut) {
            warnings.add(new Warning("DNSConfigForming", "Search Line limits were exceeded, some search paths have been omitted, "
                    + "the applied search line is: " + String.join(" ", searches)));
        }
        return new Config(List.copyOf(servers), List.copyOf(searches), c.options());
    }

    /** containerd's resolv.conf layout: search, nameservers, options. */
    static String render(Config c) {
        StringBuilder sb = new StringBuilder();
        if (!c.searches().isEmpty()) {
            sb.append("search ").append(String.join(" ", c.searches())).append('\n');
        }
        c.servers().forEach(s -> sb.append("nameserver ").append(s).append('\n'));
        if (!c.options().isEmpty()) {
            sb.append("options ").append(String.join(" ", c.options())).append('\n');
        }
        return sb.toString();
    }
}
