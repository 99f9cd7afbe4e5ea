package dev.minipod.runtime.api;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Writes the exec stream: 1-byte channel (1 stdout, 2 stderr, 3 exit), 4-byte big-endian length, payload. */
public final class ExecFrames implements PodService.ExecSink {
    public static final int STDOUT = 1;
    public static final int STDERR = 2;
    public static final int EXIT = 3;

    private final OutputStream out;

    public ExecFrames(OutputStream out) {
        this.out = out;
    }

    @Override
    public void stdout(byte[] buf, int len) { frame(STDOUT, buf, len); }

    @Override
    public void stderr(byte[] buf, int len) { frame(STDERR, buf, len); }

    public void exit(int code) {
        byte[] b = Integer.toString(code).getBytes(StandardCharsets.US_ASCII);
        frame(EXIT, b, b.length);
    }

    private synchronized void frame(int channel, byte[] buf, int len) {
        try {
            out.write(new byte[] {(byte) channel, (byte) (len >>> 24), (byte) (len >>> 16), (byte) (len >>> 8), (byte) len});
            out.write(buf, 0, len);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("write exec frame", e);
        }
    }
}
