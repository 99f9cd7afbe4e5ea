package dev.minipod.runtime.plan;

import java.nio.file.Path;
import java.util.List;

import dev.minipod.runtime.security.SecurityPlan;

/**
 * Everything decided about one container before it starts: the image layers, the final argv and
 * env (Kubernetes rules applied), user and mounts.
 *
 * @param user the image's or spec's user as written ("", "1000", "1000:1000", "nobody"); names are
 *             resolved against the container's own /etc/passwd when it starts
 * @param searchPath the PATH used to find argv[0]
 * @param terminationMessagePath where the container may write its termination message ("" for none)
 * @param fallbackToLogsOnError terminationMessagePolicy FallbackToLogsOnError
 * @param postStart hook run right after the container starts, or null
 * @param preStop hook run before the container is sent SIGTERM, or null
 * @param resources effective cpu/memory requests and limits (requests defaulted from limits)
 * @param security what the container may do (securityContext, decided by security.SecurityPlanner)
 * @param imageProcess the image's Entrypoint, Cmd and Env: argv and env are computed again from
 *                     them when the container starts ({@link ContainerStart}); argv and env here
 *                     are the planner's preview without configMap/secret/resource values
 */
public record ContainerPlan(
        String name,
        boolean init,
        String image,
        String imageId,
        List<Path> layersBottomToTop,
        List<String> argv,
        List<String> env,
        String workingDir,
        String user,
        String searchPath,
        List<VolumeMountPlan> mounts,
        String terminationMessagePath,
        boolean fallbackToLogsOnError,
        Hook postStart,
        Hook preStop,
        ContainerResources resources,
        SecurityPlan security,
        ImageProcess imageProcess) {

    /** What the image says to run: Entrypoint, Cmd and Env ({@code NAME=value}). */
    public record ImageProcess(List<String> entrypoint, List<String> cmd, List<String> env) {}

    /**
     * A volume mounted into the container.
     *
     * @param subPath     a path inside the volume to mount instead of its root ("" for the root);
     *                    after {@link ContainerStart} also the expanded {@code subPathExpr}
     * @param subPathExpr {@code subPath} with {@code $(VAR)} references to the container's env, or ""
     */
    public record VolumeMountPlan(String volume, String mountPath, boolean readOnly, String subPath, String subPathExpr) {
        public VolumeMountPlan(String volume, String mountPath, boolean readOnly) {
            this(volume, mountPath, readOnly, "", "");
        }
    }

    /** This plan with the process and mounts decided at start. */
    public ContainerPlan withProcess(List<String> newArgv, List<String> newEnv, String newSearchPath, List<VolumeMountPlan> newMounts) {
        return new ContainerPlan(name, init, image, imageId, layersBottomToTop, newArgv, newEnv, workingDir, user, newSearchPath,
                newMounts, terminationMessagePath, fallbackToLogsOnError, postStart, preStop, resources, security, imageProcess);
    }
}
