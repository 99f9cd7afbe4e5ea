package dev.minipod.runtime.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.minipod.runtime.MinipodException;

class ContainerStartTest {
    @Test
    void subPathExprExpandsAgainstTheContainersEnv() {
        assertThat(ContainerStart.expandSubPath("logs/$(POD)/$$(X)", Map.of("POD", "web-1"))).isEqualTo("logs/web-1/$(X)");
    }

    @Test
    void missingOrEmptyVariablesAndEscapesAreConfigErrors() {
        assertError("$(A)/$(B)/$(C)", Map.of("B", ""), "missing value for A, B, C");
        assertError("$(D)", Map.of("D", "/abs"), "error SubPath `/abs` must not be an absolute path");
        assertError("x/$(D)", Map.of("D", "../.."), "unable to provision SubPath `x/../..`: must not contain '..'");
    }

    private static void assertError(String expr, Map<String, String> env, String message) {
        assertThatThrownBy(() -> ContainerStart.expandSubPath(expr, env)).isInstanceOfSatisfying(MinipodException.class, e -> {
            assertThat(e.reason()).isEqualTo("CreateContainerConfigError");
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }
}
