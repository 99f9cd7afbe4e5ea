package dev.minipod.cli;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the daemon's exec stream: frames of 1 byte channel (1 stdout, 2 stderr, 3 exit),
 * a 4-byte big-endian length and the payload; the exit frame carries the code in ASCII and ends it.
 */
public final class ExecFrames {
    static final int STDOUT = 1;
    static final int STDERR = 2;
    static final int EXIT = 3;
    private static final int MAX_FRAME = 16 * 1024 * 1024;

    private ExecFrames() {}

    /** Copies stdout and stderr frames as they arrive and returns the exit code of the command. */
    public static int pump(InputStream in, OutputStream out, OutputStream err) throws IOException {
        byte[] buf = new byte[8192];
        while (true) {
            int channel = in.read();
            if (channel < 0) throw new EOFException("the exec stream ended without an exit code");
            int length = readLength(in);
            if (length < 0 || length > MAX_FRAME) throw new IOException("bad exec frame length " + length);
            if (channel == EXIT) {
                String code = new String(in.readNBytes(length), StandardCharsets.US_ASCII).trim();
                try {
                    return Integer.parseInt(code);
                } catch (NumberFormatException e) {
                    throw new IOException("bad exit code `" + code + "` in the exec stream");
                }
            }
            OutputStream target = channel == STDOUT ? out : channel == STDERR ? err : null;
            int left = length;
            while (left > 0) {
                int n = in.read(buf, 0, Math.min(buf.length, left));
                if (n < 0) throw new EOFException("the exec stream ended inside a frame");
                if (target != null) target.write(buf, 0, n);
                left -= n;
            }
            if (target != null) target.flush();
        }
    }

    private static int readLength(InputStream in) throws IOException {
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int b = in.read();
            if (b < 0) throw new EOFException("the exec stream ended inside a frame header");
            v = (v << 8) | b;
        }
        return v;
    }

    /** Encodes one frame (used by tests and by anything that speaks the same stream). */
    public static byte[] frame(int channel, byte[] payload) {
        byte[] f = new byte[5 + payload.length];
        f[0] = (byte) channel;
        f[1] = (byte) (payload.length >>> 24);
        f[2] = (byte) (payload.length >>> 16);
        f[3] = (byte) (payload.length >>> 8);
        f[4] = (byte) payload.length;
        System.arraycopy(payload, 0, f, 5, payload.length);
        return f;
    }
}
