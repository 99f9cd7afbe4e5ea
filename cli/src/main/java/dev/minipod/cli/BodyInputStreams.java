package dev.minipod.cli;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** Body framings of HTTP/1.1: a fixed Content-Length and chunked transfer coding. */
final class BodyInputStreams {
    private BodyInputStreams() {}

    /** Reads exactly {@code length} bytes, then reports end of stream. */
    static final class Fixed extends InputStream {
        private final InputStream in;
        private long remaining;

        Fixed(InputStream in, long length) {
            this.in = in;
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining == 0) return -1;
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) throw new EOFException("connection closed with " + remaining + " body bytes missing");
            remaining -= n;
            return n;
        }
    }

    /** Decodes {@code Transfer-Encoding: chunked}; trailers are read and dropped. */
    static final class Chunked extends InputStream {
        private final InputStream in;
        private long chunkLeft;
        private boolean done;

        Chunked(InputStream in) { this.in = in; }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) return -1;
            if (len == 0) return 0;
            if (chunkLeft == 0) {
                String sizeLine = HttpLines.readLine(in);
                if (sizeLine == null) throw new EOFException("connection closed inside a chunked body");
                int semi = sizeLine.indexOf(';');
                String hex = (semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim();
                try {
                    chunkLeft = Long.parseLong(hex, 16);
                } catch (NumberFormatException e) {
                    throw new IOException("bad chunk size `" + hex + "`");
                }
                if (chunkLeft == 0) {
                    String trailer;
                    do {
                        trailer = HttpLines.readLine(in);
                    } while (trailer != null && !trailer.isEmpty());
                    done = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, chunkLeft));
            if (n < 0) throw new EOFException("connection closed inside a chunk");
            chunkLeft -= n;
            if (chunkLeft == 0) {
                String crlf = HttpLines.readLine(in);
                if (crlf == null || !crlf.isEmpty()) throw new IOException("chunk not followed by CRLF");
            }
            return n;
        }
    }
}
