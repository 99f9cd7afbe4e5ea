package dev.minipod.runtime.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minipod.runtime.MinipodException;
import dev.minipod.runtime.image.Image;
import dev.minipod.runtime.image.ImageConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PodPlannerTest {
    @TempDir
    Path store;

    final Map<String, Image> images = new HashMap<>();
    final List<Pod> resolverPods = new ArrayList<>();
    final List<String> lookups = new ArrayList<>();

    @BeforeEach
    void images() throws IOException {
        image("busybox:latest", new ImageConfig(List.of(), List.of("sh"),
                List.of("PATH=/usr/sbin:/usr/bin:/sbin:/bin"), "", "", Map.of()), 1);
        image("app:1", new ImageConfig(List.of("/app/run", "--port=$(PORT)"), List.of("serve", "--fast"),
                List.of("PATH=/app/bin:/usr/bin", "MODE=image", "HOME=/home/app", "NOVAL"), "/app", "app:app",
                Map.of("8080/tcp", Map.of())), 3);
        image("nopath:1", new ImageConfig(List.of("/bin/x"), List.of(), List.of("A=1"), "/w", "1000", Map.of()), 1);
    }

    private void image(String name, ImageConfig config, int layers) throws IOException {
        List<Path> dirs = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            dirs.add(Files.createDirectories(store.resolve(name.replace(':', '_')).resolve("layer" + i)));
        }
        images.put(name, new Image(name, "sha256:m-" + name, "sha256:c-" + name, dirs, config));
    }

    private Optional<Image> lookup(String ref) {
        lookups.add(ref);
        return Optional.ofNullable(images.get(ref));
    }

    private PodPlan plan(Pod pod) {
        return PodPlanner.plan(pod, this::lookup, p -> {
            resolverPods.add(p);
            return path -> "field:" + path;
        });
    }

    static Container container(String name, String image, Consumer<ContainerBuilder> more) {
        ContainerBuilder b = new ContainerBuilder().withName(name).withImage(image);
        more.accept(b);
        return b.build();
    }

    static Container container(String name, String image) {
        return container(name, image, b -> {});
    }

    static Pod pod(String name, Consumer<PodSpecBuilder> spec) {
        PodSpecBuilder s = new PodSpecBuilder().withRestartPolicy("Always");
        spec.accept(s);
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").withUid("uid-1").endMetadata()
                .withSpec(s.build()).build();
    }

    private ContainerPlan only(Container c) {
        return plan(pod("p", s -> s.withContainers(c))).containers().get(0);
    }

    // --- identity and pod-level fields

    @Test
    void podIdentityAndSandboxSettings() {
        Pod pod = pod("web", s -> s.withContainers(container("c", "busybox:latest"))
                .withRestartPolicy("OnFailure").withShareProcessNamespace(true).withTerminationGracePeriodSeconds(7L));
        PodPlan plan = plan(pod);
        assertThat(plan.uid()).isEqualTo("uid-1");
        assertThat(plan.namespace()).isEqualTo("default");
        assertThat(plan.name()).isEqualTo("web");
        assertThat(plan.restartPolicy()).isEqualTo("OnFailure");
        assertThat(plan.shareProcessNamespace()).isTrue();
        assertThat(plan.terminationGracePeriodSeconds()).isEqualTo(7);
        assertThat(resolverPods).isNotEmpty().allSatisfy(p -> assertThat(p).isSameAs(pod));
    }

    @Test
    void gracePeriodDefaultsTo30AndShareProcessNamespaceToFalse() {
        PodPlan plan = plan(pod("web", s -> s.withContainers(container("c", "busybox:latest"))));
        assertThat(plan.terminationGracePeriodSeconds()).isEqualTo(30);
        assertThat(plan.shareProcessNamespace()).isFalse();
    }

    // --- hostname

    @Test
    void hostnameIsThePodNameUnlessSpecHostnameIsSet() {
        assertThat(plan(pod("web-0", s -> s.withContainers(container("c", "busybox:latest")))).hostname()).isEqualTo("web-0");
        assertThat(plan(pod("web-0", s -> s.withContainers(container("c", "busybox:latest")).withHostname("box")))
                .hostname()).isEqualTo("box");
        assertThat(plan(pod("web-0", s -> s.withContainers(container("c", "busybox:latest")).withHostname("")))
                .hostname()).isEqualTo("web-0");
    }

    @Test
    void hostnameOf63CharactersIsKept() {
        String name = "a".repeat(62) + "-";
        // exactly 63: not truncated, so not trimmed either (the kubelet only trims what it truncates)
        assertThat(plan(pod(name, s -> s.withContainers(container("c", "busybox:latest")))).hostname()).isEqualTo(name);
    }

    @Test
    void longHostnameIsCutTo63WithoutTrailingDashesOrDots() {
        String plain = "b".repeat(80);
        assertThat(plan(pod(plain, s -> s.withContainers(container("c", "busybox:latest")))).hostname())
                .isEqualTo("b".repeat(63));
        String dashes = "a".repeat(60) + "-.-" + "z".repeat(10);
        assertThat(plan(pod(dashes, s -> s.withContainers(container("c", "busybox:latest")))).hostname())
                .isEqualTo("a".repeat(60));
        String dotInside = "a".repeat(30) + "." + "b".repeat(40);
        assertThat(plan(pod(dotInside, s -> s.withContainers(container("c", "busybox:latest")))).hostname())
                .isEqualTo("a".repeat(30) + "." + "b".repeat(32)).hasSize(63);
    }

    // --- argv

    @Test
    void neitherCommandNorArgsRunsImageEntrypointAndCmdVerbatim() {
        assertThat(only(container("c", "app:1")).argv()).containsExactly("/app/run", "--port=$(PORT)", "serve", "--fast");
    }

    @Test
    void commandReplacesEntrypointAndDropsCmd() {
        assertThat(only(container("c", "app:1", b -> b.withCommand("/bin/sh", "-c", "echo hi"))).argv())
                .containsExactly("/bin/sh", "-c", "echo hi");
    }

    @Test
    void argsFollowTheImageEntrypoint() {
        assertThat(only(container("c", "app:1", b -> b.withArgs("--slow"))).argv()).containsExactly("/app/run", "--port=$(PORT)", "--slow");
    }

    @Test
    void commandAndArgs() {
        assertThat(only(container("c", "busybox:latest", b -> b.withCommand("sleep").withArgs("10"))).argv())
                .containsExactly("sleep", "10");
    }

    @Test
    void argsOnlyWithAnImageWithoutEntrypoint() {
        assertThat(only(container("c", "busybox:latest", b -> b.withArgs("echo", "x"))).argv()).containsExactly("echo", "x");
    }

    @Test
    void commandAndArgsExpandContainerEnvIncludingFieldRefs() {
        Container c = container("c", "busybox:latest", b -> b
                .withCommand("echo", "$(GREETING)", "$$(GREETING)")
                .withArgs("$(POD)", "$(UNDEFINED)")
                .addNewEnv().withName("GREETING").withValue("hello").endEnv()
                .addNewEnv().withName("POD").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name").endFieldRef().endValueFrom().endEnv());
        assertThat(only(c).argv()).containsExactly("echo", "hello", "$(GREETING)", "field:metadata.name", "$(UNDEFINED)");
    }

    @Test
    void commandAndArgsDoNotExpandImageOnlyVariables() {
        Container c = container("c", "app:1", b -> b.withCommand("echo", "$(HOME)", "$(MODE)")
                .addNewEnv().withName("MODE").withValue("ctr").endEnv());
        assertThat(only(c).argv()).containsExactly("echo", "$(HOME)", "ctr");
    }

    @Test
    void nothingToRunIsInvalid() throws IOException {
        image("empty:1", new ImageConfig(List.of(), List.of(), List.of(), "", "", Map.of()), 1);
        assertThatThrownBy(() -> only(container("c", "empty:1")))
                .isInstanceOfSatisfying(MinipodException.class, e -> assertThat(e.exitCode()).isEqualTo(2));
    }

    // --- env

    @Test
    void envIsImageEnvFirstWithContainerEnvOverridingInPlaceAndNewNamesAppended() {
        Container c = container("c", "app:1", b -> b
                .addNewEnv().withName("ZED").withValue("z").endEnv()
                .addNewEnv().withName("MODE").withValue("container").endEnv()
                .addNewEnv().withName("COMBINED").withValue("$(ZED)-$(MODE)-$(HOME)").endEnv()
                .addNewEnv().withName("NS").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.namespace").endFieldRef().endValueFrom().endEnv());
        assertThat(only(c).env()).containsExactly(
                "PATH=/app/bin:/usr/bin",
                "MODE=container",
                "HOME=/home/app",
                "NOVAL=",
                "ZED=z",
                // the image's HOME is not visible to $(..) expansion
                "COMBINED=z-container-$(HOME)",
                "NS=field:metadata.namespace");
    }

    @Test
    void laterContainerEntryWithTheSameNameWins() {
        Container c = container("c", "busybox:latest", b -> b
                .addNewEnv().withName("X").withValue("1").endEnv()
                .addNewEnv().withName("Y").withValue("y").endEnv()
                .addNewEnv().withName("X").withValue("2").endEnv());
        assertThat(only(c).env()).containsExactly("PATH=/usr/sbin:/usr/bin:/sbin:/bin", "X=2", "Y=y");
    }

    @Test
    void searchPathIsTheFinalPath() {
        assertThat(only(container("c", "app:1")).searchPath()).isEqualTo("/app/bin:/usr/bin");
        ContainerPlan overridden = only(container("c", "app:1", b -> b.addNewEnv().withName("PATH").withValue("/opt/bin").endEnv()));
        assertThat(overridden.searchPath()).isEqualTo("/opt/bin");
        assertThat(overridden.env()).startsWith("PATH=/opt/bin");
    }

    @Test
    void searchPathDefaultsWhenNoPathIsSet() {
        ContainerPlan c = only(container("c", "nopath:1"));
        assertThat(c.searchPath()).isEqualTo("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        // like containerd, an image without PATH gets the default one in the env too
        assertThat(c.env()).containsExactly("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "A=1");
    }

    // --- workingDir, user, image, mounts

    @Test
    void workingDirContainerThenImageThenEmpty() {
        assertThat(only(container("c", "app:1", b -> b.withWorkingDir("/data"))).workingDir()).isEqualTo("/data");
        assertThat(only(container("c", "app:1", b -> b.withWorkingDir(""))).workingDir()).isEqualTo("/app");
        assertThat(only(container("c", "app:1")).workingDir()).isEqualTo("/app");
        assertThat(only(container("c", "busybox:latest")).workingDir()).isEmpty();
    }

    @Test
    void imageIdentityLayersAndUserComeFromTheImage() {
        ContainerPlan c = only(container("c", "app:1"));
        assertThat(c.name()).isEqualTo("c");
        assertThat(c.image()).isEqualTo("app:1");
        assertThat(c.imageId()).isEqualTo("sha256:c-app:1");
        assertThat(c.layersBottomToTop()).containsExactly(
                store.resolve("app_1/layer0"), store.resolve("app_1/layer1"), store.resolve("app_1/layer2"));
        assertThat(c.user()).isEqualTo("app:app");
        assertThat(only(container("c", "nopath:1")).user()).isEqualTo("1000");
    }

    @Test
    void volumeMountsInOrderWithReadOnly() {
        Container c = container("c", "busybox:latest", b -> b
                .addNewVolumeMount().withName("cache").withMountPath("/cache").endVolumeMount()
                .addNewVolumeMount().withName("conf").withMountPath("/etc/app").withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").withReadOnly(false).endVolumeMount());
        assertThat(only(c).mounts()).containsExactly(
                new ContainerPlan.VolumeMountPlan("cache", "/cache", false),
                new ContainerPlan.VolumeMountPlan("conf", "/etc/app", true),
                new ContainerPlan.VolumeMountPlan("tmp", "/tmp", false));
        assertThat(only(container("c", "busybox:latest")).mounts()).isEmpty();
    }

    @Test
    void emptyDirVolumesAreListedInSpecOrder() {
        PodPlan plan = plan(pod("p", s -> s.withContainers(container("c", "busybox:latest"))
                .addNewVolume().withName("cache").withNewEmptyDir().endEmptyDir().endVolume()
                .addNewVolume().withName("conf").withNewConfigMap().withName("cm").endConfigMap().endVolume()
                .addNewVolume().withName("scratch").withNewEmptyDir().withMedium("Memory").endEmptyDir().endVolume()));
        assertThat(plan.emptyDirs()).containsExactly("cache", "scratch");
        assertThat(plan(pod("p", s -> s.withContainers(container("c", "busybox:latest")))).emptyDirs()).isEmpty();
    }

    @Test
    void hostAliasesBecomeTabSeparatedLines() {
        PodPlan plan = plan(pod("p", s -> s.withContainers(container("c", "busybox:latest"))
                .addNewHostAlias().withIp("127.0.0.1").withHostnames("foo.local", "bar.local").endHostAlias()
                .addNewHostAlias().withIp("10.1.2.3").withHostnames("foo.remote").endHostAlias()));
        assertThat(plan.hostAliases()).containsExactly("127.0.0.1\tfoo.local\tbar.local", "10.1.2.3\tfoo.remote");
        assertThat(plan(pod("p", s -> s.withContainers(container("c", "busybox:latest")))).hostAliases()).isEmpty();
    }

    // --- init containers

    @Test
    void initContainersAreFlaggedAndComeFirst() {
        PodPlan plan = plan(pod("p", s -> s
                .withInitContainers(container("init-a", "busybox:latest", b -> b.withCommand("true")),
                        container("init-b", "busybox:latest", b -> b.withCommand("true")))
                .withContainers(container("main", "app:1"), container("side", "busybox:latest"))));
        assertThat(plan.initContainers()).extracting(ContainerPlan::name).containsExactly("init-a", "init-b");
        assertThat(plan.initContainers()).allSatisfy(c -> assertThat(c.init()).isTrue());
        assertThat(plan.containers()).extracting(ContainerPlan::name).containsExactly("main", "side");
        assertThat(plan.containers()).allSatisfy(c -> assertThat(c.init()).isFalse());
        assertThat(plan.all().map(ContainerPlan::name)).containsExactly("init-a", "init-b", "main", "side");
        assertThat(plan.container("side")).get().extracting(ContainerPlan::image).isEqualTo("busybox:latest");
        assertThat(plan.container("nope")).isEmpty();
    }

    // --- missing images

    @Test
    void missingImagesAreAllReportedAtOnceNamingTheirFields() {
        Pod pod = pod("p", s -> s
                .withInitContainers(container("i0", "busybox:latest"), container("i1", "ghost-init:1"))
                .withContainers(container("c0", "ghost:latest"), container("c1", "app:1"), container("c2", "other:2")));
        assertThatThrownBy(() -> plan(pod)).isInstanceOfSatisfying(MinipodException.class, e -> {
            assertThat(e.reason()).isEqualTo("NotFound");
            assertThat(e.exitCode()).isEqualTo(3);
            assertThat(e.getMessage()).isEqualTo(String.join("\n",
                    "image \"ghost-init:1\" not found (spec.initContainers[1].image); import it with `minipod import DIR ghost-init:1`",
                    "image \"ghost:latest\" not found (spec.containers[0].image); import it with `minipod import DIR ghost:latest`",
                    "image \"other:2\" not found (spec.containers[2].image); import it with `minipod import DIR other:2`"));
        });
        assertThat(lookups).containsExactly("busybox:latest", "ghost-init:1", "ghost:latest", "app:1", "other:2");
    }

    @Test
    void oneMissingImage() {
        assertThatThrownBy(() -> plan(pod("p", s -> s.withContainers(container("c", "nginx")))))
                .isInstanceOf(MinipodException.class)
                .hasMessage("image \"nginx\" not found (spec.containers[0].image); import it with `minipod import DIR nginx`");
    }
}
