package dev.minipod.runtime.security;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * The kubelet's runAsNonRoot verification (kuberuntime verifyRunAsNonRoot) against the image's
 * user as containerd reports it: a numeric uid, or a name it cannot vouch for. Its messages become
 * the container's CreateContainerConfigError.
 */
public final class RunAsNonRoot {
    private RunAsNonRoot() {}

    public static final String REASON = "CreateContainerConfigError";

    /** Null when the container may start; the kubelet's message otherwise. */
    public static String check(Pod pod, String container, Long runAsUser, String imageUser) {
        String podRef = "\"" + pod.getMetadata().getName() + "_" + pod.getMetadata().getNamespace() + "("
                + pod.getMetadata().getUid() + ")\"";
        if (runAsUser != null) {
            return runAsUser == 0 ? "container's runAsUser breaks non-root policy (pod: " + podRef + ", container: "
                    + container + ")" : null;
        }
        String user = imageUser == null ? "" : imageUser;
        int colon = user.indexOf(':');
        String uid = colon >= 0 ? user.substring(0, colon) : user;
        if (uid.isEmpty() || uid.matches("0+")) {
            return "container has runAsNonRoot and image will run as root (pod: " + podRef + ", container: " + container + ")";
        }
        if (!uid.matches("\\d+")) {
            return "container has runAsNonRoot and image has non-numeric user (" + uid
                    + "), cannot verify user is non-root (pod: " + podRef + ", container: " + container + ")";
        }
        return null;
    }
}
