package dev.minipod.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.minipod.cli.LauncherHarness.Run;


/**
 * ConfigMaps, Secrets, claims and volumes through the real `bin/minipod` launcher against a real daemon:
 * create, apply, get (tables, comma lists, -o), describe (Secret values hidden), delete. Needs root and a build.
 */
@Tag("root")
class CliObjectsIT {
    private LauncherHarness h;

    @BeforeEach
    void startDaemon() throws Exception { h = LauncherHarness.start("minipod-it-cliobj-"); }

    @AfterEach
    void stopDaemon() throws Exception {
        if (h != null) h.stop();
    }

    private Run minipod(String... args) throws Exception { return h.minipod(args); }

    private Path write(String name, String text) throws Exception { return h.write(name, text); }

    @Test
    void configMapsAndSecretsFromTheCommandLine() throws Exception {
        Path conf = write("app.conf", "level=debug\n");
        Path env = write("app.env", "# settings\nMODE=prod\nPORT=8080\n");
        Run created = minipod("create", "configmap", "app", "--from-literal=greeting=hello", "--from-file=" + conf, "--from-env-file=" + env);
        assertThat(created.err()).isEmpty();
        assertThat(created.out()).isEqualTo("configmap/app created\n");
        assertThat(minipod("create", "cm", "app", "--from-literal=a=b").err())
                .isEqualTo("error: failed to create configmap: configmaps \"app\" already exists\n");
        Run dup = minipod("create", "cm", "dup", "--from-literal=a=1", "--from-literal=a=2");
        assertThat(dup.code()).isEqualTo(1);
        assertThat(dup.err()).isEqualTo("error: cannot add key \"a\", another key by that name already exists in Data for ConfigMap \"dup\"\n");

        Run got = minipod("get", "cm");
        assertThat(got.out()).matches("NAME   DATA   AGE\napp    4      \\d+s\n");
        assertThat(minipod("get", "configmap", "app", "-o", "jsonpath-less").code()).isEqualTo(2);
        assertThat(minipod("get", "cm", "app", "-o", "json").out()).contains("\"app.conf\": \"level=debug\\n\"", "\"kind\": \"ConfigMap\"");
        assertThat(minipod("describe", "cm", "app").out()).contains("Data\n====\nMODE:\n----\nprod\nPORT:\n----\n8080\napp.conf:\n----\nlevel=debug\n\ngreeting:");

        assertThat(minipod("create", "secret", "generic", "db", "--from-literal=password=s3cr3t-value").out())
                .isEqualTo("secret/db created\n");
        assertThat(minipod("get", "secrets").out()).matches("NAME   TYPE     DATA   AGE\ndb     Opaque   1      \\d+s\n");
        Run described = minipod("describe", "secret", "db");
        assertThat(described.out()).contains("Type:  Opaque", "password:  12 bytes").doesNotContain("s3cr3t");
        assertThat(minipod("get", "secret", "db", "-o", "yaml").out()).contains("password: czNjcjN0LXZhbHVl");

        Path big = write("big.bin", "x".repeat(1024 * 1024 + 1));
        Run tooBig = minipod("create", "secret", "generic", "big", "--from-file=" + big);
        assertThat(tooBig.code()).isEqualTo(2);
        assertThat(tooBig.err()).isEqualTo("error: failed to create secret Secret \"big\" is invalid: data: Too long: "
                + "may not be more than 1048576 bytes\n");
        assertThat(minipod("get", "secret", "big").code()).as("nothing created").isEqualTo(3);

        assertThat(minipod("delete", "cm", "app").out()).isEqualTo("configmap \"app\" deleted from default namespace\n");
        assertThat(minipod("delete", "secret/db").out()).isEqualTo("secret \"db\" deleted from default namespace\n");
        Run gone = minipod("get", "cm", "app");
        assertThat(gone.code()).isEqualTo(3);
        assertThat(gone.err()).isEqualTo("Error from server (NotFound): configmaps \"app\" not found\n");
    }

    @Test
    void applyVolumesAndClaimsThenGetPvPvc() throws Exception {
        Path manifest = write("storage.yaml", """
                apiVersion: v1
                kind: PersistentVolume
                metadata: {name: manual}
                spec:
                  capacity: {storage: 2Gi}
                  accessModes: [ReadWriteOnce]
                  storageClassName: ""
                  hostPath: {path: %s, type: DirectoryOrCreate}
                ---
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: static}
                spec:
                  storageClassName: ""
                  accessModes: [ReadWriteOnce]
                  resources: {requests: {storage: 1Gi}}
                ---
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: dynamic}
                spec:
                  accessModes: [ReadWriteOnce]
                  resources: {requests: {storage: 64Mi}}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: token}
                stringData: {token: abc}
                """.formatted(h.dir.resolve("manual-volume")));
        Run applied = minipod("apply", "-f", manifest.toString());
        assertThat(applied.err()).isEmpty();
        assertThat(applied.out()).isEqualTo("persistentvolume/manual created\npersistentvolumeclaim/static created\n"
                + "persistentvolumeclaim/dynamic created\nsecret/token created\n");
        assertThat(minipod("apply", "-f", manifest.toString()).out()).isEqualTo("persistentvolume/manual unchanged\n"
                + "persistentvolumeclaim/static unchanged\npersistentvolumeclaim/dynamic unchanged\nsecret/token unchanged\n");

        Run both = minipod("get", "pv,pvc");
        assertThat(both.out()).contains("persistentvolume/manual ", "Bound", "default/static", "persistentvolumeclaim/dynamic",
                "local-path", "\n\nNAME ");
        assertThat(both.out().lines().filter(l -> l.startsWith("persistentvolumeclaim/static")).findFirst().orElseThrow())
                .matches("persistentvolumeclaim/static\\s+Bound\\s+manual\\s+2Gi\\s+RWO\\s+<unset>\\s+\\d+s");
        assertThat(minipod("get", "sc").out()).contains("local-path (default)   minipod.dev/local-path   Delete");
        assertThat(minipod("describe", "pvc", "static").out()).contains("Status:        Bound", "Volume:        manual");

        assertThat(minipod("delete", "-f", manifest.toString()).code()).isZero();
        assertThat(minipod("get", "pv,pvc").err()).isEqualTo("No resources found in default namespace.\n");
        assertThat(Files.isDirectory(h.dir.resolve("manual-volume"))).as("a static hostPath volume's data stays").isTrue();
    }
}
