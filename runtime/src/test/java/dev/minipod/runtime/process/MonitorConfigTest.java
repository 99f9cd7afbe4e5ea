package dev.minipod.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MonitorConfigTest {
    @Test
    void emptyConfigIsNoBytes() {
        assertThat(new MonitorConfig().toBytes()).isEmpty();
    }

    @Test
    void pairsAreKeyNulValueNulInInsertionOrder() {
        MonitorConfig c = new MonitorConfig()
                .put("log", "/var/log/minipod/x.log")
                .put("arg", "sh")
                .put("arg", "-c")
                .put("env", "A=1")
                .put("arg", "echo hi");
        String expected = "log\0/var/log/minipod/x.log\0arg\0sh\0arg\0-c\0env\0A=1\0arg\0echo hi\0";
        assertThat(c.toBytes()).isEqualTo(expected.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void emptyValueStillWritesItsTerminator() {
        assertThat(new MonitorConfig().put("arg", "").toBytes()).containsExactly('a', 'r', 'g', 0, 0);
    }

    @Test
    void putAllKeepsListOrderUnderOneKey() {
        MonitorConfig c = new MonitorConfig().put("uid", "0").putAll("op", List.of("makeprivate", "mkdir\t/r/x\t755")).put("root", "/r");
        assertThat(new String(c.toBytes(), StandardCharsets.UTF_8))
                .isEqualTo("uid\u00000\u0000op\u0000makeprivate\u0000op\u0000mkdir\t/r/x\t755\u0000root\u0000/r\u0000");
        assertThat(c.entries()).extracting(e -> e[0] + "=" + e[1])
                .containsExactly("uid=0", "op=makeprivate", "op=mkdir\t/r/x\t755", "root=/r");
    }

    @Test
    void valuesAreUtf8() {
        byte[] b = new MonitorConfig().put("env", "GREETING=héllo ✓").toBytes();
        byte[] expected = "env\0GREETING=héllo ✓\0".getBytes(StandardCharsets.UTF_8);
        assertThat(b).isEqualTo(expected);
        assertThat(b).hasSize(4 + "GREETING=h".length() + 2 + "llo ".length() + 3 + 1);
    }

    @Test
    void nulInsideAValueIsRefusedAndNothingIsAdded() {
        MonitorConfig c = new MonitorConfig().put("arg", "ok");
        assertThatThrownBy(() -> c.put("arg", "a\0b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("config value for `arg` contains a NUL byte");
        assertThatThrownBy(() -> c.putAll("env", List.of("X=1", "Y=\0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("`env`");
        // the refused value never reaches the bytes (X=1 before it was accepted)
        assertThat(new String(c.toBytes(), StandardCharsets.UTF_8)).isEqualTo("arg\0ok\0env\0X=1\0");
    }

    @Test
    void entriesIsASnapshot() {
        MonitorConfig c = new MonitorConfig().put("cwd", "/");
        List<String[]> snapshot = c.entries();
        c.put("uid", "1");
        assertThat(snapshot).hasSize(1);
        assertThat(c.entries()).hasSize(2);
    }
}
