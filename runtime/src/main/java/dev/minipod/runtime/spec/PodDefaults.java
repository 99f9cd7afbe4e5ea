package dev.minipod.runtime.spec;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.Lifecycle;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The v1 defaults the API server fills in before validation (SetDefaults_Pod and friends), plus
 * namespace {@code default}. {@link #apply} returns a defaulted deep copy and leaves its input alone.
 */
public final class PodDefaults {
    private PodDefaults() {}

    public static final int DEFAULT_MODE = 0644;

    public static Pod apply(Pod input) {
        Pod pod = PodJson.copy(input, Pod.class);
        if (pod.getMetadata() == null) pod.setMetadata(new ObjectMeta());
        if (isEmpty(pod.getMetadata().getNamespace())) pod.getMetadata().setNamespace("default");
        if (pod.getSpec() == null) pod.setSpec(new PodSpec());
        spec(pod.getSpec());
        return pod;
    }

    private static void spec(PodSpec s) {
        if (isEmpty(s.getRestartPolicy())) s.setRestartPolicy("Always");
        if (s.getTerminationGracePeriodSeconds() == null) s.setTerminationGracePeriodSeconds(30L);
        if (isEmpty(s.getDnsPolicy())) s.setDnsPolicy("ClusterFirst");
        if (isEmpty(s.getSchedulerName())) s.setSchedulerName("default-scheduler");
        if (s.getSecurityContext() == null) s.setSecurityContext(new PodSecurityContext());
        if (s.getEnableServiceLinks() == null) s.setEnableServiceLinks(true);
        boolean hostNetwork = Boolean.TRUE.equals(s.getHostNetwork());
        for (Container c : nz(s.getInitContainers())) container(c, hostNetwork);
        for (Container c : nz(s.getContainers())) container(c, hostNetwork);
        for (Volume v : nz(s.getVolumes())) volume(v);
    }

    static void container(Container c, boolean hostNetwork) {
        if (isEmpty(c.getImagePullPolicy())) c.setImagePullPolicy(pullPolicyFor(c.getImage()));
        if (isEmpty(c.getTerminationMessagePath())) c.setTerminationMessagePath("/dev/termination-log");
        if (isEmpty(c.getTerminationMessagePolicy())) c.setTerminationMessagePolicy("File");
        for (ContainerPort p : nz(c.getPorts())) {
            if (isEmpty(p.getProtocol())) p.setProtocol("TCP");
            if (hostNetwork && (p.getHostPort() == null || p.getHostPort() == 0)) p.setHostPort(p.getContainerPort());
        }
        for (EnvVar e : nz(c.getEnv())) {
            if (e.getValueFrom() != null && e.getValueFrom().getFieldRef() != null
                    && isEmpty(e.getValueFrom().getFieldRef().getApiVersion())) {
                e.getValueFrom().getFieldRef().setApiVersion("v1");
            }
        }
        requestsFromLimits(c.getResources());
        probe(c.getLivenessProbe());
        probe(c.getReadinessProbe());
        probe(c.getStartupProbe());
        Lifecycle l = c.getLifecycle();
        if (l != null) {
            hook(l.getPostStart());
            hook(l.getPreStop());
        }
    }

    /** A limit without a request makes the request equal to the limit. */
    private static void requestsFromLimits(ResourceRequirements r) {
        if (r == null || r.getLimits() == null || r.getLimits().isEmpty()) return;
        Map<String, Quantity> requests = r.getRequests() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(r.getRequests());
        r.getLimits().forEach((name, q) -> requests.putIfAbsent(name, new Quantity(q.getAmount(), q.getFormat())));
        r.setRequests(requests);
    }

    /** {@code Always} for {@code :latest} or no tag (and no digest), else {@code IfNotPresent}. */
    public static String pullPolicyFor(String image) {
        if (image == null) return "Always";
        if (image.contains("@")) return "IfNotPresent";
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        if (colon <= slash) return "Always";
        return image.substring(colon + 1).equals("latest") ? "Always" : "IfNotPresent";
    }

    static void probe(Probe p) {
        if (p == null) return;
        if (p.getTimeoutSeconds() == null || p.getTimeoutSeconds() == 0) p.setTimeoutSeconds(1);
        if (p.getPeriodSeconds() == null || p.getPeriodSeconds() == 0) p.setPeriodSeconds(10);
        if (p.getSuccessThreshold() == null || p.getSuccessThreshold() == 0) p.setSuccessThreshold(1);
        if (p.getFailureThreshold() == null || p.getFailureThreshold() == 0) p.setFailureThreshold(3);
        httpGet(p.getHttpGet());
    }

    private static void hook(LifecycleHandler h) {
        if (h != null) httpGet(h.getHttpGet());
    }

    private static void httpGet(HTTPGetAction h) {
        if (h == null) return;
        if (isEmpty(h.getPath())) h.setPath("/");
        if (isEmpty(h.getScheme())) h.setScheme("HTTP");
    }

    static void volume(Volume v) {
        if (!hasSource(v)) v.setEmptyDir(new EmptyDirVolumeSource());
        if (v.getConfigMap() != null && v.getConfigMap().getDefaultMode() == null) v.getConfigMap().setDefaultMode(DEFAULT_MODE);
        if (v.getSecret() != null && v.getSecret().getDefaultMode() == null) v.getSecret().setDefaultMode(DEFAULT_MODE);
        if (v.getDownwardAPI() != null && v.getDownwardAPI().getDefaultMode() == null) v.getDownwardAPI().setDefaultMode(DEFAULT_MODE);
        if (v.getProjected() != null && v.getProjected().getDefaultMode() == null) v.getProjected().setDefaultMode(DEFAULT_MODE);
        if (v.getHostPath() != null && v.getHostPath().getType() == null) v.getHostPath().setType("");
        // SetDefaults_ObjectFieldSelector: a downward API fieldRef without apiVersion means v1
        if (v.getDownwardAPI() != null) downwardAPIFiles(v.getDownwardAPI().getItems());
        if (v.getProjected() != null) {
            for (var s : nz(v.getProjected().getSources())) if (s.getDownwardAPI() != null) downwardAPIFiles(s.getDownwardAPI().getItems());
        }
    }

    private static void downwardAPIFiles(List<io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile> items) {
        for (var f : nz(items)) {
            if (f.getFieldRef() != null && isEmpty(f.getFieldRef().getApiVersion())) f.getFieldRef().setApiVersion("v1");
        }
    }

    private static boolean hasSource(Volume v) {
        return v.getHostPath() != null || v.getEmptyDir() != null || v.getGitRepo() != null
                || v.getGcePersistentDisk() != null || v.getAwsElasticBlockStore() != null || v.getSecret() != null
                || v.getNfs() != null || v.getIscsi() != null || v.getGlusterfs() != null
                || v.getPersistentVolumeClaim() != null || v.getRbd() != null || v.getFlexVolume() != null
                || v.getCinder() != null || v.getCephfs() != null || v.getFlocker() != null
                || v.getDownwardAPI() != null || v.getFc() != null || v.getAzureFile() != null
                || v.getConfigMap() != null || v.getVsphereVolume() != null || v.getQuobyte() != null
                || v.getAzureDisk() != null || v.getPhotonPersistentDisk() != null || v.getProjected() != null
                || v.getPortworxVolume() != null || v.getScaleIO() != null || v.getStorageos() != null
                || v.getCsi() != null || v.getEphemeral() != null || v.getImage() != null;
    }

    private static boolean isEmpty(String s) { return s == null || s.isEmpty(); }

    private static <T> List<T> nz(List<T> l) { return l == null ? new ArrayList<>() : l; }
}
