package dev.minipod.runtime.image;

import dev.minipod.runtime.MinipodException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageNameTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @ParameterizedTest
    @CsvSource({
            "busybox, busybox:latest",
            "busybox:1.36, busybox:1.36",
            "library/busybox, busybox:latest",
            "docker.io/library/busybox:latest, busybox:latest",
            "index.docker.io/library/busybox:1.36, busybox:1.36",
            "docker.io/team/app, team/app:latest",
            "localhost:5000/app, localhost:5000/app:latest",
            "quay.io/team/app:v1.2, quay.io/team/app:v1.2",
            "localhost/library/x, localhost/library/x:latest",
    })
    void normalisesToRepoTag(String input, String expected) {
        assertThat(ImageName.parse(input).nameTag()).isEqualTo(expected);
    }

    @Test
    void keepsDigests() {
        ImageName byDigest = ImageName.parse("docker.io/library/busybox@" + DIGEST);
        assertThat(byDigest.repository()).isEqualTo("busybox");
        assertThat(byDigest.tag()).isNull();
        assertThat(byDigest.digest()).isEqualTo(DIGEST);
        assertThat(byDigest).hasToString("busybox@" + DIGEST);
        assertThat(ImageName.parse("busybox:1@" + DIGEST)).hasToString("busybox:1@" + DIGEST);
    }

    @Test
    void refusesMalformedReferences() {
        assertThatThrownBy(() -> ImageName.parse("BusyBox")).isInstanceOf(MinipodException.class)
                .hasMessageContaining("(repository names are lowercase)");
        assertThatThrownBy(() -> ImageName.parse("busybox@sha256:zz")).hasMessageContaining("digest `sha256:zz`");
        assertThatThrownBy(() -> ImageName.parse("busybox:")).hasMessageContaining("tag ``");
        assertThatThrownBy(() -> ImageName.parse(" ")).hasMessage("image reference is empty");
        assertThatThrownBy(() -> ImageName.parse("a//b")).hasMessageContaining("is not a valid repository name component");
    }
}
