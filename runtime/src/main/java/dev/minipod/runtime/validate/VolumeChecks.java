package dev.minipod.runtime.validate;

import static dev.minipod.runtime.validate.Paths.empty;
import static dev.minipod.runtime.validate.Paths.list;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** spec.volumes: exactly one source, source essentials, names DNS labels and unique. */
final class VolumeChecks {
    private VolumeChecks() {}

    static final String MODE_RANGE = "must be a number between 0 and 0777 (octal), both inclusive";
    static final List<String> HOST_PATH_TYPES = List.of("", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate",
            "File", "FileOrCreate", "Socket");

    /**
     * Every volume source of the v1 API, keyed by the name the API uses in its
     * "may not specify more than 1 volume type" path, in the order the API checks them. Two keys
     * keep the API's own spelling ({@code cephFS}, {@code downwarAPI}) so the messages match.
     */
    static Map<String, Object> sources(Volume v) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("emptyDir", v.getEmptyDir());
        s.put("hostPath", v.getHostPath());
        s.put("gitRepo", v.getGitRepo());
        s.put("gcePersistentDisk", v.getGcePersistentDisk());
        s.put("awsElasticBlockStore", v.getAwsElasticBlockStore());
        s.put("secret", v.getSecret());
        s.put("nfs", v.getNfs());
        s.put("iscsi", v.getIscsi());
        s.put("glusterfs", v.getGlusterfs());
        s.put("flocker", v.getFlocker());
        s.put("persistentVolumeClaim", v.getPersistentVolumeClaim());
        s.put("rbd", v.getRbd());
        s.put("cinder", v.getCinder());
        s.put("cephFS", v.getCephfs());
        s.put("quobyte", v.getQuobyte());
        s.put("downwarAPI", v.getDownwardAPI());
        s.put("fc", v.getFc());
        s.put("flexVolume", v.getFlexVolume());
        s.put("configMap", v.getConfigMap());
        s.put("azureFile", v.getAzureFile());
        s.put("vsphereVolume", v.getVsphereVolume());
        s.put("photonPersistentDisk", v.getPhotonPersistentDisk());
        s.put("portworxVolume", v.getPortworxVolume());
        s.put("azureDisk", v.getAzureDisk());
        s.put("storageos", v.getStorageos());
        s.put("projected", v.getProjected());
        s.put("scaleIO", v.getScaleIO());
        s.put("csi", v.getCsi());
        s.put("ephemeral", v.getEphemeral());
        s.put("image", v.getImage());
        return s;
    }

    static void volumes(Pod pod, List<FieldError> out) {
        Set<String> names = new HashSet<>();
        List<Volume> vols = list(pod.getSpec().getVolumes());
        for (int i = 0; i < vols.size(); i++) {
            Volume v = vols.get(i);
            String path = "spec.volumes[" + i + "]";
            source(v, path, out);
            String name = Paths.str(v.getName());
            if (name.isEmpty()) out.add(FieldError.required(path + ".name", ""));
            else Paths.invalidEach(out, path + ".name", name, Names.dns1123Label(name));
            if (!names.add(name)) out.add(FieldError.duplicate(path + ".name", name));
        }
    }

    private static void source(Volume v, String path, List<FieldError> out) {
        int count = 0;
        for (Map.Entry<String, Object> e : sources(v).entrySet()) {
            if (e.getValue() == null) continue;
            if (count++ > 0) {
                out.add(FieldError.forbidden(path + "." + e.getKey(), "may not specify more than 1 volume type"));
                continue;
            }
            sourceFields(v, path, out);
        }
        if (count == 0) out.add(FieldError.required(path, "must specify a volume type"));
    }

    /** Essentials of the (first) source; paths use the JSON field names. */
    private static void sourceFields(Volume v, String path, List<FieldError> out) {
        if (v.getEmptyDir() != null) return;
        if (v.getHostPath() != null) {
            String p = Paths.str(v.getHostPath().getPath());
            if (p.isEmpty()) out.add(FieldError.required(path + ".hostPath.path", ""));
            else if (java.util.Arrays.asList(p.split("/")).contains("..")) {
                out.add(FieldError.invalid(path + ".hostPath.path", p, "must not contain '..'"));
            }
            String type = Paths.str(v.getHostPath().getType());
            if (!HOST_PATH_TYPES.contains(type)) out.add(FieldError.unsupported(path + ".hostPath.type", type, HOST_PATH_TYPES));
        } else if (v.getSecret() != null) {
            if (empty(v.getSecret().getSecretName())) out.add(FieldError.required(path + ".secret.secretName", ""));
            mode(v.getSecret().getDefaultMode(), path + ".secret.defaultMode", out);
            ProjectionChecks.keyToPaths(v.getSecret().getItems(), path + ".secret.items", new HashSet<>(), out);
        } else if (v.getPersistentVolumeClaim() != null) {
            if (empty(v.getPersistentVolumeClaim().getClaimName())) {
                out.add(FieldError.required(path + ".persistentVolumeClaim.claimName", ""));
            }
        } else if (v.getDownwardAPI() != null) {
            mode(v.getDownwardAPI().getDefaultMode(), path + ".downwardAPI.defaultMode", out);
            ProjectionChecks.downwardAPIFiles(v.getDownwardAPI().getItems(), path + ".downwardAPI.items", new HashSet<>(), out);
        } else if (v.getConfigMap() != null) {
            if (empty(v.getConfigMap().getName())) out.add(FieldError.required(path + ".configMap.name", ""));
            mode(v.getConfigMap().getDefaultMode(), path + ".configMap.defaultMode", out);
            ProjectionChecks.keyToPaths(v.getConfigMap().getItems(), path + ".configMap.items", new HashSet<>(), out);
        } else if (v.getProjected() != null) {
            mode(v.getProjected().getDefaultMode(), path + ".projected.defaultMode", out);
            ProjectionChecks.projected(v.getProjected().getSources(), path + ".projected", out);
        }
    }

    private static void mode(Integer mode, String path, List<FieldError> out) {
        if (mode != null && (mode < 0 || mode > 0777)) out.add(FieldError.invalid(path, mode, MODE_RANGE));
    }
}
