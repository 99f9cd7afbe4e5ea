package dev.minipod.runtime.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import dev.minipod.runtime.MinipodException;
import io.fabric8.kubernetes.api.model.Container;

/**
 * What is decided only when a container starts, as the kubelet's generateContainerConfig does:
 * its environment ({@link ContainerEnv}, with the objects as they are now), argv expanded against
 * it, and each {@code subPathExpr} expanded to a subPath. A failure is a
 * {@code CreateContainerConfigError}: the container waits and is tried again.
 */
public final class ContainerStart {
    private ContainerStart() {}

    /** @param warnings InvalidEnvironmentVariableNames messages */
    public record Resolved(ContainerPlan plan, Map<String, String> ownEnv, List<String> warnings) {}

    public static Resolved resolve(ContainerPlan c, Container spec, ContainerEnv.Context ctx) {
        ContainerEnv.Result r = ContainerEnv.resolve(spec, ctx);
        ContainerPlan.ImageProcess image = c.imageProcess();
        List<String> env = PodPlanner.withDefaultPath(EnvExpander.merge(image.env(), r.vars()));
        List<String> argv = CommandResolver.resolve(spec, image.entrypoint(), image.cmd(), r.vars());
        List<ContainerPlan.VolumeMountPlan> mounts = new ArrayList<>();
        for (ContainerPlan.VolumeMountPlan m : c.mounts()) {
            if (m.subPathExpr().isEmpty()) {
                mounts.add(m);
            } else {
                mounts.add(new ContainerPlan.VolumeMountPlan(m.volume(), m.mountPath(), m.readOnly(),
                        expandSubPath(m.subPathExpr(), r.vars()), m.subPathExpr()));
            }
        }
        return new Resolved(c.withProcess(argv, env, PodPlanner.searchPath(env), mounts), r.vars(), r.warnings());
    }

    /**
     * kubelet ExpandContainerVolumeMounts: every referenced variable must be set and non-empty; the
     * result must stay a relative path without {@code ..} (the subPath rules, checked again here
     * because the expression could not be checked at admission).
     */
    static String expandSubPath(String expr, Map<String, String> vars) {
        TreeSet<String> missing = new TreeSet<>();
        String out = EnvExpander.expand(expr, name -> {
            String v = vars.get(name);
            if (v == null || v.isEmpty()) missing.add(name);
            return v == null ? "" : v;
        });
        if (!missing.isEmpty()) throw error("missing value for " + String.join(", ", missing));
        if (out.startsWith("/")) throw error("error SubPath `" + out + "` must not be an absolute path");
        for (String part : out.split("/")) {
            if (part.equals("..")) throw error("unable to provision SubPath `" + out + "`: must not contain '..'");
        }
        return out;
    }

    private static MinipodException error(String message) {
        return new MinipodException(ContainerEnv.CONFIG_ERROR, 1, message);
    }
}
