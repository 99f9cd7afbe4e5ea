package dev.minipod.runtime.validate;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.PodDNSConfig;
import io.fabric8.kubernetes.api.model.PodDNSConfigOption;

import static dev.minipod.runtime.validate.Paths.list;

/** spec.dnsConfig within the resolver's limits (validation.go validatePodDNSConfig). */
final class DnsChecks {
    static final int MAX_NAMESERVERS = 3;
    static final int MAX_SEARCH_PATHS = 32;
    static final int MAX_SEARCH_CHARS = 2048;
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)");

    private DnsChecks() {}

    static void dnsConfig(io.fabric8.kubernetes.api.model.Pod pod, List<FieldError> out) {
        PodDNSConfig c = pod.getSpec().getDnsConfig();
        if (c == null) {
            return;
        }
        List<String> servers = list(c.getNameservers());
        if (servers.size() > MAX_NAMESERVERS) {
            out.add(FieldError.invalid("spec.dnsConfig.nameservers", goStrings(servers),
                    "must not have more than " + MAX_NAMESERVERS + " nameservers"));
        }
        for (int i = 0; i < servers.size(); i++) {
            if (!isIP(servers.get(i))) {
                out.add(FieldError.invalid("spec.dnsConfig.nameservers[" + i + "]", servers.get(i), "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
            }
        }
        List<String> searches = list(c.getSearches());
        if (searches.size() > MAX_SEARCH_PATHS) {
            out.add(FieldError.invalid("spec.dnsConfig.searches", goStrings(searches),
                    "must not have more than " + MAX_SEARCH_PATHS + " search paths"));
        }
        if (String.join(" ", searches).length() > MAX_SEARCH_CHARS) {
            out.add(FieldError.invalid("spec.dnsConfig.searches", goStrings(searches),
                    "must not have more than " + MAX_SEARCH_CHARS + " characters (including spaces) in the search list"));
        }
        for (int i = 0; i < searches.size(); i++) {
            String s = searches.get(i);
            if (i == 0 && s.equals(".")) {
                continue;
            }
            String name = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
            Paths.invalidEach(out, "spec.dnsConfig.searches[" + i + "]", name, Names.dns1123Subdomain(name));
        }
        List<PodDNSConfigOption> options = list(c.getOptions());
        for (int i = 0; i < options.size(); i++) {
            if (Paths.empty(options.get(i).getName())) {
                out.add(FieldError.required("spec.dnsConfig.options[" + i + "]", "must not be empty"));
            }
        }
    }

    private static boolean isIP(String v) {
        if (IPV4.matcher(v).matches()) {
            return true;
        }
        if (!v.contains(":") || !v.matches("[0-9a-fA-F:.]+")) {
            return false;
        }
        try {
            java.net.InetAddress.getByName(v); // a literal: no lookup
            return true;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** Go's %#v of a []string, as the API server prints an invalid list. */
    private static Object goStrings(List<String> v) {
        String s = v.stream().map(GoQuote::quote).collect(Collectors.joining(", ", "[]string{", "}"));
        return new Object() {
            @Override
            public String toString() {
                return s;
            }
        };
    }
}
