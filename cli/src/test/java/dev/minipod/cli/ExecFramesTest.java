package dev.minipod.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExecFramesTest {
    private static byte[] frames(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    private static byte[] f(int ch, String s) { return ExecFrames.frame(ch, s.getBytes(StandardCharsets.UTF_8)); }

    @Test
    void routesChannelsAndReturnsTheExitCode() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ExecFrames.pump(new ByteArrayInputStream(frames(f(1, "hello "), f(2, "oops\n"), f(1, "world\n"),
                f(3, "7"))), out, err);
        assertThat(code).isEqualTo(7);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("hello world\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("oops\n");
    }

    @Test
    void handlesEmptyAndLargeFramesAndIgnoresUnknownChannels() throws IOException {
        byte[] big = new byte[100_000];
        big[99_999] = 'z';
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = ExecFrames.pump(new ByteArrayInputStream(frames(f(1, ""), ExecFrames.frame(1, big), f(9, "junk"),
                f(3, "0"))), out, new ByteArrayOutputStream());
        assertThat(code).isZero();
        assertThat(out.toByteArray()).isEqualTo(big);
    }

    @Test
    void aStreamWithoutExitFrameIsAnError() {
        assertThatThrownBy(() -> ExecFrames.pump(new ByteArrayInputStream(f(1, "x")), new ByteArrayOutputStream(),
                new ByteArrayOutputStream())).isInstanceOf(EOFException.class).hasMessageContaining("without an exit code");
        byte[] cut = new byte[]{1, 0, 0, 0, 9, 'a'};
        assertThatThrownBy(() -> ExecFrames.pump(new ByteArrayInputStream(cut), new ByteArrayOutputStream(),
                new ByteArrayOutputStream())).isInstanceOf(EOFException.class).hasMessageContaining("inside a frame");
    }

    @Test
    void aNonNumericExitCodeIsAnError() {
        assertThatThrownBy(() -> ExecFrames.pump(new ByteArrayInputStream(f(3, "seven")), new ByteArrayOutputStream(),
                new ByteArrayOutputStream())).isInstanceOf(IOException.class).hasMessageContaining("seven");
    }
}
