package dev.minipod.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class ObjectPrinterTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:10:00Z");

    private static JsonNode json(String s) throws Exception { return Json.read(s.replace('\'', '"').getBytes()); }

    @Test
    void claimsAndVolumesPrintKubectlsColumns() throws Exception {
        JsonNode pvc = json("{'metadata':{'name':'data','creationTimestamp':'2026-01-01T00:00:00Z'},'spec':{'volumeName':'pv1',"
                + "'storageClassName':'local-path','accessModes':['ReadWriteOnce']},'status':{'phase':'Bound','capacity':{'storage':'1Gi'},"
                + "'accessModes':['ReadWriteOnce']}}");
        assertThat(ObjectPrinter.table(ObjectTypes.CLAIMS, List.of(pvc), NOW, false, "")).isEqualTo(
                "NAME   STATUS   VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE\n"
                + "data   Bound    pv1      1Gi        RWO            local-path     <unset>                 10m\n");
        JsonNode pv = json("{'metadata':{'name':'pv1','creationTimestamp':'2026-01-01T00:00:00Z'},'spec':{'capacity':{'storage':'1Gi'},"
                + "'accessModes':['ReadWriteOnce','ReadOnlyMany'],'persistentVolumeReclaimPolicy':'Retain','storageClassName':'',"
                + "'claimRef':{'namespace':'default','name':'data'}},'status':{'phase':'Released'}}");
        assertThat(ObjectPrinter.table(ObjectTypes.VOLUMES, List.of(pv), NOW, false, "persistentvolume/")).isEqualTo(
                "NAME                   CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS     CLAIM          STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE\n"
                + "persistentvolume/pv1   1Gi        RWO,ROX        Retain           Released   default/data                  <unset>                          10m\n");
    }

    @Test
    void configMapsSecretsAndClasses() throws Exception {
        JsonNode cm = json("{'metadata':{'name':'app','creationTimestamp':'2026-01-01T00:09:00Z'},'data':{'a':'1','b':'2'},'binaryData':{'c':'AA=='}}");
        assertThat(ObjectPrinter.table(ObjectTypes.CONFIG_MAPS, List.of(cm), NOW, false, "")).isEqualTo("NAME   DATA   AGE\napp    3      60s\n");
        JsonNode s = json("{'metadata':{'name':'db','creationTimestamp':'2026-01-01T00:09:00Z'},'type':'Opaque','data':{'p':'eA=='}}");
        assertThat(ObjectPrinter.table(ObjectTypes.SECRETS, List.of(s), NOW, false, "")).isEqualTo("NAME   TYPE     DATA   AGE\ndb     Opaque   1      60s\n");
        JsonNode sc = json("{'metadata':{'name':'local-path','creationTimestamp':'2026-01-01T00:09:00Z',"
                + "'annotations':{'storageclass.kubernetes.io/is-default-class':'true'}},'provisioner':'minipod.dev/local-path',"
                + "'reclaimPolicy':'Delete','volumeBindingMode':'Immediate'}");
        assertThat(ObjectPrinter.table(ObjectTypes.CLASSES, List.of(sc), NOW, false, "")).isEqualTo(
                "NAME                   PROVISIONER              RECLAIMPOLICY   VOLUMEBINDINGMODE   ALLOWVOLUMEEXPANSION   AGE\n"
                + "local-path (default)   minipod.dev/local-path   Delete          Immediate           false                  60s\n");
    }

    @Test
    void describeHidesSecretValues() throws Exception {
        JsonNode s = json("{'metadata':{'name':'db','namespace':'default'},'type':'Opaque','data':{'password':'czNjcjN0','user':'YWRtaW4='}}");
        assertThat(ObjectDescriber.describe(ObjectTypes.SECRETS, s, List.of())).isEqualTo(
                "Name:         db\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nType:  Opaque\n\nData\n====\n"
                + "password:  6 bytes\nuser:      5 bytes\n");
    }

    @Test
    void argumentsNameTypesAndCommaLists() {
        assertThat(ObjectArgs.isObjectRequest(List.of("pods"))).isFalse();
        assertThat(ObjectArgs.isObjectRequest(List.of("cm", "a"))).isTrue();
        assertThat(ObjectArgs.isObjectRequest(List.of("pv,pvc"))).isTrue();
        List<ObjectArgs.Request> r = ObjectArgs.parse(List.of("pv,pvc"), "get");
        assertThat(r).extracting(x -> x.type).containsExactly(ObjectTypes.VOLUMES, ObjectTypes.CLAIMS);
        assertThat(ObjectArgs.parse(List.of("secret/a", "cm/b", "secret/c"), "get")).hasSize(2).first()
                .extracting(x -> x.names).isEqualTo(List.of("a", "c"));
        assertThat(ObjectTypes.CLASSES.path("", "fast")).isEqualTo("/apis/storage.k8s.io/v1/storageclasses/fast");
        assertThat(ObjectTypes.PRESETS.collection("default")).isEqualTo("/apis/settings.k8s.io/v1alpha1/namespaces/default/podpresets");
    }
}
