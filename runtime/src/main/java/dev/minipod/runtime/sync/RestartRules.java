package dev.minipod.runtime.sync;

/**
 * Whether an exited container is started again, per pod {@code restartPolicy} (kubelet
 * ShouldContainerBeRestarted). Regular init containers never restart after exit 0, so for them
 * {@code Always} acts as {@code OnFailure}.
 */
public final class RestartRules {

    public static final String ALWAYS = "Always";
    public static final String ON_FAILURE = "OnFailure";
    public static final String NEVER = "Never";

    private RestartRules() {
    }

    /**
     * @param restartPolicy  pod restart policy; null means the API default {@code Always}
     * @param initContainer  true for a regular init container
     * @param t              how the instance ended; null (never exited) gives false
     */
    public static boolean shouldRestart(String restartPolicy, boolean initContainer, ContainerRecord.Terminated t) {
        if (t == null) {
            return false;
        }
        String policy = restartPolicy == null ? ALWAYS : restartPolicy;
        return switch (policy) {
            case ALWAYS -> initContainer ? !t.succeeded() : true;
            case ON_FAILURE -> !t.succeeded();
            case NEVER -> false;
            default -> throw new IllegalArgumentException("unknown restartPolicy `" + restartPolicy + "`");
        };
    }
}
