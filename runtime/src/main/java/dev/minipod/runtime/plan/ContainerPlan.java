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
        SecurityPlan security) {

    /** A volume mounted into the container. */
    public record VolumeMountPlan(String volume, String mountPath, boolean readOnly) {}
}
