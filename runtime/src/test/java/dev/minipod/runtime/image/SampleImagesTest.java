package dev.minipod.runtime.image;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Builds the sample images with rootfs-samples/build-images.sh and imports them. */
class SampleImagesTest {
    private static final Path BUSYBOX = Path.of("/bin/busybox");

    /**
     * Not a JUnit @TempDir: the layers hold ~270 absolute symlinks to /bin/busybox, and JUnit
     * warns about each one while cleaning up. Dirs.deleteTree deletes without following them.
     */
    private static Path tmp;

    private static Path images;

    @BeforeAll
    static void buildImages() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(BUSYBOX),
                "/bin/busybox is missing: `apt-get install busybox-static` to build the sample images");
        tmp = Files.createTempDirectory("minipod-sample-images");
        images = tmp.resolve("images");
        String out = run(List.of("bash", script().toString(), images.toString()));
        assertThat(out).contains("built");
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (tmp != null) {
            dev.minipod.runtime.state.Dirs.deleteTree(tmp);
        }
    }

    @Test
    void busyboxImageHasTheBaseLayer() throws IOException {
        RecordingLayerFs fs = new RecordingLayerFs();
        ImageStore store = new ImageStore(tmp.resolve("store-base"), new LayerUnpacker(fs, false));
        store.importLayout(images.resolve("busybox"), "busybox");

        Image image = store.resolve("docker.io/library/busybox:latest").orElseThrow();
        assertThat(image.layersBottomToTop()).hasSize(1);
        assertThat(image.config().cmd()).containsExactly("sh");
        assertThat(image.config().env()).containsExactly("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        Path layer = image.layersBottomToTop().get(0);
        assertThat(Files.isExecutable(layer.resolve("bin/busybox"))).isTrue();
        assertThat(Files.readSymbolicLink(layer.resolve("bin/sh"))).hasToString("/bin/busybox");
        for (String applet : run(List.of(BUSYBOX.toString(), "--list-full")).split("\n")) {
            if (!applet.isBlank()) {
                assertThat(Files.exists(layer.resolve(applet), LinkOption.NOFOLLOW_LINKS)).as(applet).isTrue();
            }
        }
        assertThat(layer.resolve("etc/passwd")).hasContent(
                "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false");
        assertThat(layer.resolve("etc/group")).hasContent("root:x:0:\nnogroup:x:65534:");
        assertThat(layer.resolve("etc/minipod-base-only")).hasContent("present in the base layer");
        assertThat((Integer) Files.getAttribute(layer.resolve("tmp"), "unix:mode") & 07777).isEqualTo(01777);
        for (String dir : List.of("root", "proc", "sys", "dev", "var", "home", "usr/bin", "usr/sbin", "sbin")) {
            assertThat(layer.resolve(dir)).isDirectory();
        }
        assertThat(fs.calls()).isEmpty();
    }

    @Test
    void busyboxWebStacksThreeLayersWithWhiteouts() throws IOException {
        RecordingLayerFs fs = new RecordingLayerFs();
        ImageStore store = new ImageStore(tmp.resolve("store-web"), new LayerUnpacker(fs, false));
        store.importLayout(images.resolve("busybox"), "busybox");
        store.importLayout(images.resolve("busybox-web"), "busybox-web");

        Image base = store.resolve("busybox").orElseThrow();
        Image web = store.resolve("busybox-web:latest").orElseThrow();
        assertThat(web.layersBottomToTop()).hasSize(3);
        assertThat(web.layersBottomToTop().get(0)).isEqualTo(base.layersBottomToTop().get(0));
        assertThat(web.config().cmd()).containsExactly("/bin/serve");
        assertThat(web.config().exposedPorts()).containsOnlyKeys("8080/tcp");
        assertThat(fs.describe(null)).containsExactly("whiteout etc/minipod-base-only", "opaque opt/data");

        Path web2 = web.layersBottomToTop().get(1);
        assertThat(web2.resolve("www/index.html")).hasContent("<h1>hello from busybox-web</h1>");
        assertThat(web2.resolve("bin/serve")).content(StandardCharsets.UTF_8).contains("exec httpd -f -v -p \"${PORT:-8080}\" -h /www");
        assertThat((Integer) Files.getAttribute(web2.resolve("bin/serve"), "unix:mode") & 07777).isEqualTo(0755);
        assertThat(web2.resolve("opt/data/old.txt")).exists();
        Path web3 = web.layersBottomToTop().get(2);
        assertThat(web3.resolve("opt/data/new.txt")).exists();
        assertThat(web3.resolve("opt/data/.wh..wh..opq")).doesNotExist();
        assertThat(web3.resolve("etc/.wh.minipod-base-only")).doesNotExist();
    }

    @Test
    void rebuildingGivesTheSameDigests() throws Exception {
        Path again = tmp.resolve("again");
        run(List.of("bash", script().toString(), again.toString()));
        for (String name : List.of("busybox", "busybox-web")) {
            assertThat(again.resolve(name).resolve("index.json")).hasSameTextualContentAs(images.resolve(name).resolve("index.json"));
        }
    }

    private static Path script() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("rootfs-samples/build-images.sh");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("rootfs-samples/build-images.sh not found above " + Path.of("").toAbsolutePath());
    }

    private static String run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command + " timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        assertThat(p.exitValue()).as(command + " output:\n" + out).isZero();
        return out;
    }
}
