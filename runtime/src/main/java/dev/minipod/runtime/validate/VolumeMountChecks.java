package dev.minipod.runtime.validate;

import static dev.minipod.runtime.validate.Paths.empty;
import static dev.minipod.runtime.validate.Paths.list;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** volumeMounts: the volume exists, mountPath set and unique, subPath a local descending path. */
final class VolumeMountChecks {
    private VolumeMountChecks() {}

    static void volumeMounts(Container c, ContainerContext ctx, List<FieldError> out) {
        Set<String> mountPoints = new HashSet<>();
        List<VolumeMount> mounts = list(c.getVolumeMounts());
        for (int i = 0; i < mounts.size(); i++) {
            VolumeMount m = mounts.get(i);
            String path = ctx.path() + ".volumeMounts[" + i + "]";
            String name = Paths.str(m.getName());
            if (name.isEmpty()) out.add(FieldError.required(path + ".name", ""));
            if (!ctx.volumeNames().contains(name)) out.add(FieldError.notFound(path + ".name", name));
            String mountPath = Paths.str(m.getMountPath());
            if (mountPath.isEmpty()) out.add(FieldError.required(path + ".mountPath", ""));
            if (!mountPoints.add(mountPath)) out.add(FieldError.invalid(path + ".mountPath", mountPath, "must be unique"));
            // the API names the list, not the item, here: spec.containers[0].volumeMounts.subPath
            if (!empty(m.getSubPath())) localDescendingPath(m.getSubPath(), ctx.path() + ".volumeMounts.subPath", out);
            if (!empty(m.getSubPathExpr())) {
                if (!empty(m.getSubPath())) {
                    out.add(FieldError.invalid(ctx.path() + ".volumeMounts.subPathExpr", m.getSubPathExpr(),
                            "subPathExpr and subPath are mutually exclusive"));
                }
                localDescendingPath(m.getSubPathExpr(), ctx.path() + ".volumeMounts.subPathExpr", out);
            }
        }
    }

    /** Relative, and no ".." element. */
    static void localDescendingPath(String p, String path, List<FieldError> out) {
        if (p.startsWith("/")) out.add(FieldError.invalid(path, p, "must be a relative path"));
        for (String part : p.split("/")) {
            if (part.equals("..")) {
                out.add(FieldError.invalid(path, p, "must not contain '..'"));
                break;
            }
        }
    }
}
