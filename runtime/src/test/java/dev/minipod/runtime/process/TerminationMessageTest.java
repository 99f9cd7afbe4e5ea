package dev.minipod.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminationMessageTest {
    @TempDir
    Path dir;

    private Path log(int lines) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= lines; i++) {
            sb.append("2026-11-23T07:00:00.000000000Z stdout F line ").append(i).append('\n');
        }
        Path f = dir.resolve("0.log");
        Files.writeString(f, sb);
        return f;
    }

    @Test
    void theFileWinsAndKeepsItsLast4096Bytes() throws IOException {
        Path msg = dir.resolve("termination-log");
        Files.writeString(msg, "x".repeat(5000) + "END");
        String m = TerminationMessage.read(msg, log(3), true, 1);
        assertThat(m).hasSize(4096).endsWith("END");
    }

    @Test
    void fallbackTakesTheLast80LinesOfABigLogWithin2048Bytes() throws IOException {
        Path msg = dir.resolve("termination-log");
        Files.createFile(msg);
        String m = TerminationMessage.read(msg, log(20_000), true, 2);
        assertThat(m).endsWith("line 20000\n").doesNotContain("line 19920\n").hasSizeLessThanOrEqualTo(2048);
        assertThat(TerminationMessage.read(msg, log(3), true, 2)).isEqualTo("line 1\nline 2\nline 3\n");
    }

    @Test
    void noFallbackOnSuccessOrWithoutThePolicy() throws IOException {
        Path msg = dir.resolve("termination-log");
        Files.createFile(msg);
        assertThat(TerminationMessage.read(msg, log(3), true, 0)).isNull();
        assertThat(TerminationMessage.read(msg, log(3), false, 1)).isNull();
        assertThat(TerminationMessage.read(dir.resolve("none"), dir.resolve("nolog"), true, 1)).isNull();
    }
}
