package dev.minipod.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSourcesTest {
    @TempDir Path dir;

    private DataSources cm() { return new DataSources("ConfigMap", "app", Map.of("FROM_ENV", "env-value")); }

    @Test
    void literalsFilesAndDirectoriesGiveKubectlsKeys() throws Exception {
        Path conf = Files.writeString(dir.resolve("app.conf"), "x=1\n");
        Path d = Files.createDirectories(dir.resolve("d"));
        Files.writeString(d.resolve("b.txt"), "bee");
        Files.write(d.resolve("bin"), new byte[] {(byte) 0xff, 0, 1});
        Files.createDirectories(d.resolve("sub"));
        DataSources s = cm().add(List.of(conf.toString(), "renamed=" + conf, d.toString()), List.of("k=v=w"), List.of());
        assertThat(s.data).containsOnlyKeys("app.conf", "renamed", "b.txt", "k");
        assertThat(s.data.get("k")).isEqualTo("v=w");
        assertThat(s.binary).containsOnlyKeys("bin");
        assertThat(s.object(null).path("binaryData").path("bin").asText()).isEqualTo("/wAB");
    }

    @Test
    void envFilesFollowTheDockerFormat() throws Exception {
        Path env = Files.writeString(dir.resolve("app.env"), "\uFEFF# comment\n\n  MODE=prod\nQUOTED=\"kept\"\nFROM_ENV\nEMPTY=\n");
        DataSources s = cm().add(List.of(), List.of(), List.of(env.toString()));
        assertThat(s.data).containsExactly(Map.entry("MODE", "prod"), Map.entry("QUOTED", "\"kept\""),
                Map.entry("FROM_ENV", "env-value"), Map.entry("EMPTY", ""));
        Path bad = Files.writeString(dir.resolve("bad.env"), "1ABC=x\n");
        assertThatThrownBy(() -> cm().fromEnvFile(bad.toString())).hasMessageStartingWith(
                "error: \"1ABC\" is not a valid key name: a valid environment variable name must consist of alphabetic characters");
    }

    @Test
    void badKeysAndDuplicatesAreRefused() throws Exception {
        assertThatThrownBy(() -> cm().fromLiteral("a b=1")).hasMessage("error: \"a b\" is not a valid key name for a ConfigMap: "
                + "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or"
                + " 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')");
        assertThatThrownBy(() -> cm().fromLiteral("novalue")).hasMessage("error: invalid literal source novalue, expected key=value");
        assertThatThrownBy(() -> cm().add(List.of(), List.of("a=1", "a=2"), List.of()))
                .hasMessage("error: cannot add key \"a\", another key by that name already exists in Data for ConfigMap \"app\"");
        DataSources secret = new DataSources("Secret", "db", Map.of());
        assertThatThrownBy(() -> secret.add(List.of(), List.of("a=1", "a=2"), List.of()))
                .hasMessage("error: cannot add key a, another key by that name already exists");
        assertThatThrownBy(() -> cm().fromFile("k=" + dir)).hasMessage("error: cannot give a key name for a directory path");
        assertThatThrownBy(() -> cm().fromFile("=x")).hasMessage("error: key name for file path x missing");
        assertThatThrownBy(() -> cm().fromFile("a=b=c")).hasMessage("error: key names or file paths cannot contain '='");
        assertThatThrownBy(() -> cm().fromLiteral("..=x")).hasMessageEndingWith(": must not be '..'");
    }

    @Test
    void secretValuesAreBase64() throws Exception {
        DataSources s = new DataSources("Secret", "db", Map.of()).add(List.of(), List.of("pass=s3cr3t"), List.of());
        String v = s.object("Opaque").path("data").path("pass").asText();
        assertThat(new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)).isEqualTo("s3cr3t");
        assertThat(s.object("Opaque").path("type").asText()).isEqualTo("Opaque");
    }

    @Test
    void aClientDryRunPrintsTheObjectWithoutADaemon() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = Main.run(new String[] {"--run-root", dir.toString(), "create", "configmap", "app", "--from-literal=mode=prod",
                "--dry-run=client", "-o", "yaml"}, new java.io.PrintStream(out), new java.io.PrintStream(err), java.io.InputStream.nullInputStream());
        assertThat(err.toString()).isEmpty();
        assertThat(code).isZero();
        assertThat(out.toString()).contains("kind: ConfigMap", "name: app", "mode: prod");
        out.reset();
        Main.run(new String[] {"--run-root", dir.toString(), "create", "secret", "generic", "db", "--from-literal=p=x", "--dry-run=client"},
                new java.io.PrintStream(out), new java.io.PrintStream(err), java.io.InputStream.nullInputStream());
        assertThat(out.toString()).isEqualTo("secret/db created (dry run)\n");
    }
}
