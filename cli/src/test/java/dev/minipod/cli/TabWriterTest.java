package dev.minipod.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TabWriterTest {
    private static String format(String text) { return new TabWriter(0, 2, false).write(text).flush().take(); }

    @Test
    void alignsAColumnOverConsecutiveLinesThatHaveIt() {
        assertThat(format("Name:\tdemo\nService Account:\tdefault\n")).isEqualTo("Name:             demo\nService Account:  default\n");
    }

    @Test
    void aLineWithoutATabEndsTheBlock() {
        assertThat(format("a:\t1\nlonger:\t2\nIPs:\n  IP:\t10.0.0.1\n"))
                .isEqualTo("a:       1\nlonger:  2\nIPs:\n  IP:  10.0.0.1\n");
    }

    @Test
    void theTextAfterTheLastTabIsNotPaddedButEmptyCellsAre() {
        assertThat(format("Medium:\t\nSizeLimit:\t<unset>\n")).isEqualTo("Medium:     \nSizeLimit:  <unset>\n");
        assertThat(format("Labels:\ta=1\n\tb=2\n")).isEqualTo("Labels:  a=1\n         b=2\n");
    }

    @Test
    void nestedColumnsAreAlignedWithinTheirOwnBlocks() {
        assertThat(format("  Type\tReason\tAge\n  Normal\tPulled\t5m\n  Warning\tBackOff\t30s (x5 over 10m)\n"))
                .isEqualTo("  Type     Reason   Age\n  Normal   Pulled   5m\n  Warning  BackOff  30s (x5 over 10m)\n");
    }

    @Test
    void flushAlignsEachBatchAloneUnlessWidthsAreRemembered() {
        TabWriter w = new TabWriter(0, 2, false);
        w.write("long-name:\t1\n").flush();
        w.write("a:\t2\n").flush();
        assertThat(w.take()).isEqualTo("long-name:  1\na:  2\n");
        TabWriter r = new TabWriter(6, 3, true);
        r.write("NAME\tSTATUS\n").write("long-pod-name\tRunning\n").flush();
        r.write("a\tPending\n").flush();
        r.write("a-much-longer-pod-name\tRunning\n").flush();
        assertThat(r.take()).isEqualTo("NAME            STATUS\nlong-pod-name   Running\na               Pending\n"
                + "a-much-longer-pod-name   Running\n");
    }

    @Test
    void minWidthAppliesToShortColumns() {
        assertThat(new TabWriter(6, 3, false).write("IP\tX\n").flush().take()).isEqualTo("IP    X\n");
    }
}
