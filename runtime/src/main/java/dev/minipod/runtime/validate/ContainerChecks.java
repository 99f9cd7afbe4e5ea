package dev.minipod.runtime.validate;

import static dev.minipod.runtime.validate.Paths.empty;
import static dev.minipod.runtime.validate.Paths.list;

import io.fabric8.kubernetes.api.model.Container;
import java.util.List;

/** Container identity and simple enumerated fields. */
final class ContainerChecks {
    private ContainerChecks() {}

    static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");
    static final List<String> MESSAGE_POLICIES = List.of("File", "FallbackToLogsOnError");

    static void name(Container c, ContainerContext ctx, List<FieldError> out) {
        String path = ctx.path() + ".name";
        if (empty(c.getName())) {
            out.add(FieldError.required(path, ""));
        } else {
            Paths.invalidEach(out, path, c.getName(), Names.dns1123Label(c.getName()));
        }
    }

    /** Names are unique across init and app containers; a clash is reported on the later one (init after app). */
    static void uniqueName(Container c, ContainerContext ctx, List<FieldError> out) {
        if (empty(c.getName())) return;
        List<Container> apps = list(ctx.pod().getSpec().getContainers());
        List<Container> inits = list(ctx.pod().getSpec().getInitContainers());
        List<Container> before;
        if (ctx.init()) {
            before = new java.util.ArrayList<>(apps);
            before.addAll(inits.subList(0, indexOf(inits, c)));
        } else {
            before = apps.subList(0, indexOf(apps, c));
        }
        if (before.stream().anyMatch(o -> c.getName().equals(o.getName()))) {
            out.add(FieldError.duplicate(ctx.path() + ".name", c.getName()));
        }
    }

    private static int indexOf(List<Container> l, Container c) {
        for (int i = 0; i < l.size(); i++) if (l.get(i) == c) return i;
        return l.size();
    }

    static void image(Container c, ContainerContext ctx, List<FieldError> out) {
        if (empty(c.getImage())) out.add(FieldError.required(ctx.path() + ".image", ""));
    }

    static void terminationMessagePolicy(Container c, ContainerContext ctx, List<FieldError> out) {
        String p = c.getTerminationMessagePolicy();
        String path = ctx.path() + ".terminationMessagePolicy";
        if (empty(p)) out.add(FieldError.required(path, ""));
        else if (!MESSAGE_POLICIES.contains(p)) out.add(FieldError.unsupported(path, p, MESSAGE_POLICIES));
    }

    static void imagePullPolicy(Container c, ContainerContext ctx, List<FieldError> out) {
        String p = c.getImagePullPolicy();
        String path = ctx.path() + ".imagePullPolicy";
        if (empty(p)) out.add(FieldError.required(path, ""));
        else if (!PULL_POLICIES.contains(p)) out.add(FieldError.unsupported(path, p, PULL_POLICIES));
    }

    /** Container-level restartPolicy: only {@code Always}, and only on init containers (sidecars). */
    static void restartPolicy(Container c, ContainerContext ctx, List<FieldError> out) {
        String p = c.getRestartPolicy();
        if (p == null) return;
        String path = ctx.path() + ".restartPolicy";
        if (!ctx.init()) out.add(FieldError.forbidden(path, "may not be set for non-init containers"));
        else if (!"Always".equals(p)) out.add(FieldError.unsupported(path, p, List.of("Always")));
    }
}
