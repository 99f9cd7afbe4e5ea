package dev.minipod.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CdsTrainingTest {
    @Test
    void theTrainingRunSucceedsAgainstItsStandInDaemon() throws Exception {
        assertThat(CdsTraining.run(new String[]{"get", "pods"})).isZero();
        assertThat(CdsTraining.run(new String[]{"get", "pods", "-o", "wide"})).isZero();
        assertThat(CdsTraining.run(new String[]{"get", "pods", "-o", "bogus"})).isEqualTo(2);
    }
}
