package dev.minipod.runtime.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import dev.minipod.runtime.MinipodException;

/**
 * {@code POST .../pods/NAME/portforward?port=N}: one forwarded connection per request, full duplex
 * over HTTP/1.1. Once the 200 is sent, the request body (chunked, the client's bytes) is copied into
 * a connection to port N opened in the pod's netns, and what the pod sends back streams out as the
 * response body. Either side closing ends its direction; the response ends when the pod closes.
 */
final class PortForwardStream {
    static final String CONTENT_TYPE = "application/vnd.minipod.port-forward";

    private PortForwardStream() {}

    static void serve(PodService pods, Request request, Response response, Callback callback, String ns, String name, String port) {
        int p = port(port);
        SocketChannel pod = pods.portForward(ns, name, p); // errors go out as a Status before anything is committed
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
        Thread upstream = new Thread(() -> copyUp(request, pod), "port-forward-up-" + p);
        try (pod; OutputStream out = Content.Sink.asOutputStream(response)) {
            out.flush(); // commit the 200: the client starts sending
            upstream.start();
            InputStream in = Channels.newInputStream(pod);
            byte[] buf = new byte[16 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // either peer went away: both directions end
        }
        callback.succeeded();
    }

    private static void copyUp(Request request, SocketChannel pod) {
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] buf = new byte[16 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
                while (b.hasRemaining()) {
                    pod.write(b);
                }
            }
            pod.shutdownOutput();
        } catch (IOException e) {
            try {
                pod.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private static int port(String v) {
        try {
            int p = Integer.parseInt(v == null ? "" : v);
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new MinipodException("BadRequest", 2, "invalid port `" + v + "`: must be between 1 and 65535, inclusive");
    }
}
