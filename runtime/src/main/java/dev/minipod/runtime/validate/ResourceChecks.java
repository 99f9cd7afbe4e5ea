package dev.minipod.runtime.validate;

import static dev.minipod.runtime.validate.Paths.map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import dev.minipod.runtime.spec.Quantities;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** resources.limits / resources.requests: names, quantity syntax, sign, requests <= limits. */
final class ResourceChecks {
    private ResourceChecks() {}

    static void resources(Container c, ContainerContext ctx, List<FieldError> out) {
        ResourceRequirements r = c.getResources();
        if (r == null) return;
        String base = ctx.path() + ".resources";
        Map<String, Quantity> limits = new TreeMap<>(map(r.getLimits()));
        Map<String, Quantity> requests = new TreeMap<>(map(r.getRequests()));
        for (Map.Entry<String, Quantity> e : limits.entrySet()) {
            String path = base + ".limits[" + e.getKey() + "]";
            resourceName(e.getKey(), path, out);
            quantity(e.getValue(), path, out);
        }
        for (Map.Entry<String, Quantity> e : requests.entrySet()) {
            String path = base + ".requests[" + e.getKey() + "]";
            resourceName(e.getKey(), path, out);
            Quantity limit = limits.get(e.getKey());
            if (limit != null && text(limit).equals(text(e.getValue())) && Quantities.parse(text(limit)).isEmpty()) {
                continue; // defaulted from the limit, whose error is already reported
            }
            Optional<BigDecimal> req = quantity(e.getValue(), path, out);
            if (limit == null) {
                if (!overcommitAllowed(e.getKey())) {
                    out.add(FieldError.required(base + ".limits", "Limit must be set for non overcommitable resources"));
                }
                continue;
            }
            Optional<BigDecimal> lim = Quantities.parse(text(limit));
            if (req.isEmpty() || lim.isEmpty()) continue;
            String detail = null;
            if (!overcommitAllowed(e.getKey()) && req.get().compareTo(lim.get()) != 0) {
                detail = "must be equal to " + e.getKey() + " limit of " + Quantities.canonical(text(limit));
            } else if (req.get().compareTo(lim.get()) > 0) {
                detail = "must be less than or equal to " + e.getKey() + " limit of " + Quantities.canonical(text(limit));
            }
            if (detail != null) out.add(FieldError.invalid(base + ".requests", Quantities.canonical(text(e.getValue())), detail));
        }
    }

    /** Native resources (no domain, or a kubernetes.io domain) other than hugepages may be overcommitted. */
    static boolean overcommitAllowed(String name) {
        boolean nativeName = !name.contains("/") || name.contains("kubernetes.io/");
        return nativeName && !name.startsWith("hugepages-");
    }

    static String text(Quantity q) {
        if (q == null) return "";
        return (q.getAmount() == null ? "" : q.getAmount()) + (q.getFormat() == null ? "" : q.getFormat());
    }

    private static Optional<BigDecimal> quantity(Quantity q, String path, List<FieldError> out) {
        String t = text(q);
        Optional<BigDecimal> v = Quantities.parse(t);
        if (v.isEmpty()) {
            out.add(FieldError.invalid(path, t, Quantities.PARSE_ERROR));
        } else if (v.get().signum() < 0) {
            out.add(FieldError.invalid(path, Quantities.canonical(t), "must be greater than or equal to 0"));
        }
        return v;
    }

    private static void resourceName(String name, String path, List<FieldError> out) {
        List<String> msgs = Names.qualifiedName(name);
        Paths.invalidEach(out, path, name, msgs);
        if (!msgs.isEmpty()) return;
        if (!name.contains("/")) {
            boolean standard = name.equals("cpu") || name.equals("memory") || name.equals("ephemeral-storage")
                    || name.startsWith("hugepages-");
            if (!standard) out.add(FieldError.invalid(path, name, "must be a standard resource for containers"));
        } else if (!name.contains("kubernetes.io/") && name.startsWith("requests.")) {
            out.add(FieldError.invalid(path, name, "doesn't follow extended resource name standard"));
        }
    }
}
