package dev.minipod.runtime.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minipod.runtime.MinipodException;
import dev.minipod.runtime.spec.ManifestLoader;
import dev.minipod.runtime.spec.PodDefaults;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every sample under rootfs-samples/pods: valid ones pass, invalid ones give the exact expected text. */
class SamplePodsTest {
    static final Path PODS = locate();

    private static Path locate() {
        Path p = Path.of("rootfs-samples/pods");
        return Files.isDirectory(p) ? p : Path.of("../rootfs-samples/pods");
    }

    static Stream<Path> validSamples() throws IOException {
        Stream<Path> valid = Files.list(PODS.resolve("valid")).sorted();
        return Stream.concat(Stream.of(PODS.resolve("demo.yaml")), valid);
    }

    static Stream<Path> invalidSamples() throws IOException {
        return Files.list(PODS.resolve("invalid")).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    /** What the API would answer for this manifest: "" when accepted, else the error text. */
    static String outcome(String manifest) {
        try {
            for (var m : ManifestLoader.load(manifest)) {
                Pod pod = PodDefaults.apply(m.pod());
                PodValidator.requireValid(pod);
            }
            return "";
        } catch (MinipodException e) {
            assertThat(e.exitCode()).isEqualTo(2);
            return e.getMessage();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validSamples")
    void validSampleIsAcceptedAndSupported(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(outcome(text)).isEmpty();
        for (var m : ManifestLoader.load(text)) {
            List<FieldError> unsupported = SupportCheck.check(PodDefaults.apply(m.pod()));
            assertThat(unsupported).isEmpty();
        }
    }

    @org.junit.jupiter.api.Test
    void demoCopyIsTheDemo() throws IOException {
        assertThat(Files.readString(PODS.resolve("valid/demo.yaml"))).isEqualTo(Files.readString(PODS.resolve("demo.yaml")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSamples")
    void invalidSampleGivesExpectedError(Path file) throws IOException {
        Path expectedFile = Path.of(file.toString().replaceAll("\\.yaml$", ".expected"));
        String expected = Files.readString(expectedFile, StandardCharsets.UTF_8).stripTrailing();
        assertThat(outcome(Files.readString(file, StandardCharsets.UTF_8))).isEqualTo(expected);
    }
}
