package dev.minipod.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.minipod.runtime.MinipodException;

/** Refused pods leave nothing behind: no state, mounts, namespaces or processes. Needs root. */
@Tag("root")
class BadInputIT {
    private TestNode node;

    @BeforeEach
    void start() throws Exception {
        node = TestNode.start();
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void invalidPodIsRefusedWithEveryFieldErrorAndNothingCreated() {
        MinipodException e = catchThrowableOfType(MinipodException.class, () -> node.create("""
                apiVersion: v1
                kind: Pod
                metadata: {name: bad}
                spec:
                  restartPolicy: Sometimes
                  containers:
                  - {name: a, image: busybox}
                  - {name: a}
                """));
        assertThat(e.exitCode()).isEqualTo(2);
        assertThat(e.getMessage()).startsWith("Pod \"bad\" is invalid: [")
                .contains("spec.containers[1].name: Duplicate value: \"a\"")
                .contains("spec.containers[1].image: Required value")
                .contains("spec.restartPolicy: Unsupported value: \"Sometimes\"");
        assertThat(node.pods().list(TestNode.NS).getItems()).isEmpty();
        node.assertNoLeaks();
    }

    @Test
    void unknownImageIsNotFoundAndNothingCreated() {
        MinipodException e = catchThrowableOfType(MinipodException.class, () -> node.create("""
                apiVersion: v1
                kind: Pod
                metadata: {name: noimage}
                spec:
                  containers:
                  - {name: a, image: busybox}
                  - {name: b, image: "nosuch:1.0"}
                """));
        assertThat(e.exitCode()).isEqualTo(3);
        assertThat(e.getMessage()).contains("image \"nosuch:1.0\" not found (spec.containers[1].image)");
        assertThat(node.pods().list(TestNode.NS).getItems()).isEmpty();
        node.assertNoLeaks();
    }

    @Test
    void duplicatePodNameIsAConflict() {
        String pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: twice}\nspec:\n  containers:\n  - {name: a, image: busybox, command: [sleep, '3600']}\n";
        node.create(pod);
        MinipodException e = catchThrowableOfType(MinipodException.class, () -> node.create(pod));
        assertThat(e.reason()).isEqualTo("AlreadyExists");
        assertThat(e.getMessage()).isEqualTo("pods \"twice\" already exists");
    }

    @Test
    void logsOfAnUnknownContainerIsABadRequestNamingTheChoices() {
        node.create("apiVersion: v1\nkind: Pod\nmetadata: {name: two}\nspec:\n  containers:\n"
                + "  - {name: a, image: busybox, command: [sleep, '3600']}\n  - {name: b, image: busybox, command: [sleep, '3600']}\n");
        MinipodException none = catchThrowableOfType(MinipodException.class, () -> node.pods().logs(TestNode.NS, "two", null, false));
        assertThat(none.getMessage()).isEqualTo("a container name must be specified for pod two, choose one of: [a, b]");
        MinipodException wrong = catchThrowableOfType(MinipodException.class, () -> node.pods().logs(TestNode.NS, "two", "c", false));
        assertThat(wrong.getMessage()).isEqualTo("container c is not valid for pod two");
        MinipodException previous = catchThrowableOfType(MinipodException.class, () -> node.pods().logs(TestNode.NS, "two", "a", true));
        assertThat(previous.getMessage()).isEqualTo("previous terminated container \"a\" in pod \"two\" not found");
    }
}
