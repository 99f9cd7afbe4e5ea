package dev.minipod.runtime.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mirrors kubelet ShouldContainerBeRestarted (TestShouldContainerBeRestarted). */
class RestartRulesTest {

    @ParameterizedTest(name = "{0} init={1} exit={2} -> {3}")
    @CsvSource({
            "Always, false, 0, true",
            "Always, false, 1, true",
            "OnFailure, false, 0, false",
            "OnFailure, false, 137, true",
            "Never, false, 0, false",
            "Never, false, 1, false",
            "Always, true, 0, false",
            "Always, true, 1, true",
            "OnFailure, true, 0, false",
            "OnFailure, true, 2, true",
            "Never, true, 1, false",
    })
    void restartPerPolicy(String policy, boolean init, int exit, boolean expected) {
        var t = ContainerRecord.Terminated.exit(exit, 0, Instant.EPOCH, Instant.EPOCH, "c1");
        assertThat(RestartRules.shouldRestart(policy, init, t)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"Always", "OnFailure", "Never"})
    void neverExitedIsNotRestarted(String policy) {
        assertThat(RestartRules.shouldRestart(policy, false, null)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void unknownPolicyIsAnError() {
        var t = ContainerRecord.Terminated.exit(1, 0, Instant.EPOCH, Instant.EPOCH, "c1");
        assertThatThrownBy(() -> RestartRules.shouldRestart("Sometimes", false, t))
                .hasMessageContaining("`Sometimes`");
    }
}
