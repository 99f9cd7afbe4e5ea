package dev.minipod.runtime.validate;

import static dev.minipod.runtime.validate.Paths.empty;
import static dev.minipod.runtime.validate.Paths.list;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.ObjectFieldSelector;
import java.util.List;
import java.util.Set;

/** Container env: names, value vs valueFrom, fieldRef paths. */
final class EnvChecks {
    private EnvChecks() {}

    /** Field paths an env fieldRef may name (sorted, as the API lists them). */
    static final List<String> ENV_FIELD_PATHS = List.of("metadata.name", "metadata.namespace", "metadata.uid",
            "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs");
    /** Every path the v1 downward API can convert; others fail conversion. */
    private static final Set<String> CONVERTIBLE = Set.of("metadata.annotations", "metadata.labels", "metadata.name",
            "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.restartPolicy", "spec.serviceAccountName",
            "spec.schedulerName", "status.phase", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs",
            "spec.terminationGracePeriodSeconds");

    static void env(Container c, ContainerContext ctx, List<FieldError> out) {
        List<EnvVar> vars = list(c.getEnv());
        for (int i = 0; i < vars.size(); i++) {
            EnvVar ev = vars.get(i);
            String path = ctx.path() + ".env[" + i + "]";
            if (empty(ev.getName())) out.add(FieldError.required(path + ".name", ""));
            else Paths.invalidEach(out, path + ".name", ev.getName(), Names.envVarName(ev.getName()));
            valueFrom(ev, path + ".valueFrom", out);
        }
        List<io.fabric8.kubernetes.api.model.EnvFromSource> froms = list(c.getEnvFrom());
        for (int i = 0; i < froms.size(); i++) {
            envFrom(froms.get(i), ctx.path() + ".envFrom[" + i + "]", out);
        }
    }

    /** validateEnvFrom: a valid prefix (it starts every name), exactly one named source. */
    private static void envFrom(io.fabric8.kubernetes.api.model.EnvFromSource ev, String path, List<FieldError> out) {
        if (!empty(ev.getPrefix())) Paths.invalidEach(out, path + ".prefix", ev.getPrefix(), Names.envVarName(ev.getPrefix()));
        int sources = 0;
        if (ev.getConfigMapRef() != null) {
            sources++;
            if (empty(ev.getConfigMapRef().getName())) out.add(FieldError.required(path + ".configMapRef.name", ""));
        }
        if (ev.getSecretRef() != null) {
            sources++;
            if (empty(ev.getSecretRef().getName())) out.add(FieldError.required(path + ".secretRef.name", ""));
        }
        if (sources == 0) {
            out.add(FieldError.invalid(path, "", "must specify one of: `configMapRef` or `secretRef`"));
        } else if (sources > 1) {
            out.add(FieldError.invalid(path, "", "may not have more than one field specified at a time"));
        }
    }

    private static void valueFrom(EnvVar ev, String path, List<FieldError> out) {
        EnvVarSource src = ev.getValueFrom();
        if (src == null) return;
        int sources = 0;
        if (src.getFieldRef() != null) {
            sources++;
            fieldRef(src.getFieldRef(), path + ".fieldRef", out);
        }
        if (src.getResourceFieldRef() != null) {
            sources++;
            ProjectionChecks.resourceFieldRef(src.getResourceFieldRef(), path + ".resourceFieldRef", out);
        }
        if (src.getConfigMapKeyRef() != null) {
            sources++;
            keyRef(src.getConfigMapKeyRef().getName(), src.getConfigMapKeyRef().getKey(), path + ".configMapKeyRef", out);
        }
        if (src.getSecretKeyRef() != null) {
            sources++;
            keyRef(src.getSecretKeyRef().getName(), src.getSecretKeyRef().getKey(), path + ".secretKeyRef", out);
        }
        if (sources == 0) {
            out.add(FieldError.invalid(path, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"));
        } else if (!empty(ev.getValue())) {
            out.add(FieldError.invalid(path, "", "may not be specified when `value` is not empty"));
        } else if (sources > 1) {
            out.add(FieldError.invalid(path, "", "may not have more than one field specified at a time"));
        }
    }

    private static void keyRef(String name, String key, String path, List<FieldError> out) {
        if (empty(name)) out.add(FieldError.required(path + ".name", ""));
        if (empty(key)) out.add(FieldError.required(path + ".key", ""));
    }

    static void fieldRef(ObjectFieldSelector fs, String path, List<FieldError> out) {
        if (empty(fs.getApiVersion())) {
            out.add(FieldError.required(path + ".apiVersion", ""));
            return;
        }
        String fp = fs.getFieldPath();
        if (empty(fp)) {
            out.add(FieldError.required(path + ".fieldPath", ""));
            return;
        }
        if (!"v1".equals(fs.getApiVersion())) {
            out.add(FieldError.invalid(path + ".fieldPath", fp, "error converting fieldPath: unsupported pod version: " + fs.getApiVersion()));
            return;
        }
        String[] sub = splitSubscript(fp);
        if (sub != null) {
            String base = sub[0];
            String key = sub[1];
            if (!base.equals("metadata.labels") && !base.equals("metadata.annotations")) {
                out.add(FieldError.invalid(path + ".fieldPath", fp, "error converting fieldPath: field label does not support subscript: " + fp));
            } else if (base.equals("metadata.annotations")) {
                Paths.invalidEach(out, path, key.toLowerCase(), Names.qualifiedName(key.toLowerCase()));
            } else {
                Paths.invalidEach(out, path, key, Names.qualifiedName(key));
            }
            return;
        }
        String internal = fp.equals("spec.host") ? "spec.nodeName" : fp;
        if (!CONVERTIBLE.contains(internal)) {
            out.add(FieldError.invalid(path + ".fieldPath", fp, "error converting fieldPath: field label not supported: " + fp));
        } else if (!ENV_FIELD_PATHS.contains(internal)) {
            out.add(FieldError.unsupported(path + ".fieldPath", internal, ENV_FIELD_PATHS));
        }
    }

    /** {@code base['key']} split into base and key, or null when not subscripted. */
    static String[] splitSubscript(String fp) {
        if (!fp.endsWith("']")) return null;
        String s = fp.substring(0, fp.length() - 2);
        int open = s.indexOf("['");
        if (open <= 0) return null;
        return new String[] {s.substring(0, open), s.substring(open + 2)};
    }
}
