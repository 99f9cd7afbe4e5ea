package dev.minipod.runtime.api;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.minipod.runtime.MinipodException;
import dev.minipod.runtime.objects.Kind;
import dev.minipod.runtime.objects.ObjectStore;
import dev.minipod.runtime.status.PodChanges;

/**
 * The daemon's Kubernetes-shaped REST API on a root-only (0600) unix socket
 * (docs/internals.md, "Daemon API").
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final Pattern EVENTS = Pattern.compile("^/api/v1/(?:namespaces/([^/]+)/)?events/?$");
    private static final Duration WATCH_LIMIT = Duration.ofMinutes(30);
    private static final Pattern METRICS = Pattern.compile("^/apis/metrics.k8s.io/v1beta1/namespaces/([^/]+)/pods(?:/([^/]+))?/?$");
    /** `/api/v1[/namespaces/NS]/RESOURCE[/NAME]` and `/apis/GROUP/VERSION[/namespaces/NS]/RESOURCE[/NAME]`. */
    private static final Pattern OBJECTS = Pattern.compile(
            "^/(?:api/(v1)|apis/([^/]+/[^/]+))/(?:namespaces/([^/]+)/)?([a-z]+)(?:/([^/]+))?/?$");
    private static final Pattern PODS = Pattern.compile("^/api/v1/namespaces/([^/]+)/pods(?:/([^/]+)(?:/(log|exec|portforward))?)?/?$");

    private final Server server;
    private final PodService pods;
    private final ObjectStore objects;
    private final ObjectMapper json;
    private final Function<MinipodException, List<Map<String, String>>> causes;

    public ApiServer(Path socket, PodService pods, ObjectStore objects, ObjectMapper json,
                     Function<MinipodException, List<Map<String, String>>> causes) {
        this.pods = pods;
        this.objects = objects;
        this.json = json;
        this.causes = causes;
        QueuedThreadPool threads = new QueuedThreadPool(64, 2);
        threads.setName("api");
        this.server = new Server(threads);
        UnixDomainServerConnector connector = new UnixDomainServerConnector(server);
        connector.setUnixDomainPath(socket);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                serve(request, response, callback);
                return true;
            }
        });
    }

    public void start() throws Exception {
        Path socket = ((UnixDomainServerConnector) server.getConnectors()[0]).getUnixDomainPath();
        Files.deleteIfExists(socket);
        server.start();
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
    }

    private void serve(Request request, Response response, Callback callback) {
        try {
            route(request, response, callback);
        } catch (MinipodException e) {
            sendError(response, callback, e);
        } catch (RuntimeException e) {
            LOG.error("event=api-error path={} error={}", request.getHttpURI().getPath(), e.toString(), e);
            sendError(response, callback, new MinipodException("InternalError", 1, String.valueOf(e.getMessage())));
        }
    }

    private void route(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        String method = request.getMethod();
        Fields query = Request.extractQueryParameters(request);
        if (path.equals("/api") || path.equals("/api/")) {
            sendJson(response, callback, 200, Map.of("kind", "APIVersions", "versions", List.of("v1")));
            return;
        }
        if (path.equals("/minipod/v1/images/import") && method.equals("POST")) {
            Map<?, ?> body = readJson(request, Map.class);
            String[] r = pods.importImage(String.valueOf(body.get("path")), String.valueOf(body.get("name")));
            sendJson(response, callback, 201, Map.of("name", r[0], "digest", r[1]));
            return;
        }
        Matcher ev = EVENTS.matcher(path);
        if (ev.matches() && method.equals("GET")) {
            String ns = ev.group(1) == null ? null : decode(ev.group(1));
            sendJson(response, callback, 200, pods.events(ns, FieldSelector.parse(query.getValue("fieldSelector"))));
            return;
        }
        Matcher mm = METRICS.matcher(path);
        if (mm.matches() && method.equals("GET")) {
            sendJson(response, callback, 200, pods.podMetrics(decode(mm.group(1)), mm.group(2) == null ? null : decode(mm.group(2))));
            return;
        }
        Matcher o = OBJECTS.matcher(path);
        if (o.matches()) {
            Kind kind = Kind.of(o.group(1) != null ? o.group(1) : o.group(2), o.group(4)).orElse(null);
            if (kind != null && kind.namespaced() == (o.group(3) != null)) {
                String ns = o.group(3) == null ? null : decode(o.group(3));
                routeObject(request, response, callback, kind, ns, o.group(5) == null ? null : decode(o.group(5)));
                return;
            }
        }
        Matcher m = PODS.matcher(path);
        if (!m.matches()) {
            throw new MinipodException("NotFound", 3, "the server could not find the requested resource");
        }
        String ns = decode(m.group(1));
        String name = m.group(2) == null ? null : decode(m.group(2));
        String sub = m.group(3);
        if (name == null) {
            switch (method) {
                case "GET" -> {
                    if (isTrue(query.getValue("watch"))) {
                        streamWatch(response, callback, ns);
                    } else {
                        sendJson(response, callback, 200, pods.list(ns));
                    }
                }
                case "POST" -> sendJson(response, callback, 201, pods.create(ns, readBody(request)));
                default -> throw notAllowed(method);
            }
        } else if (sub == null) {
            switch (method) {
                case "GET" -> sendJson(response, callback, 200, pods.get(ns, name));
                case "PUT" -> sendJson(response, callback, 200, pods.update(ns, name, readBody(request)));
                case "DELETE" -> {
                    String g = query.getValue("gracePeriodSeconds");
                    sendJson(response, callback, 200, pods.delete(ns, name, g == null ? null : Long.parseLong(g)));
                }
                default -> throw notAllowed(method);
            }
        } else if (sub.equals("log") && method.equals("GET")) {
            streamLogs(response, callback, ns, name, query);
        } else if (sub.equals("exec") && method.equals("POST")) {
            streamExec(response, callback, ns, name, query);
        } else if (sub.equals("portforward") && method.equals("POST")) {
            PortForwardStream.serve(pods, request, response, callback, ns, name, query.getValue("port"));
        } else {
            throw notAllowed(method);
        }
    }

    /** ConfigMaps, Secrets, claims, volumes, classes and presets: create, replace, read, list, delete. */
    private void routeObject(Request request, Response response, Callback callback, Kind kind, String ns, String name) {
        String method = request.getMethod();
        if (name == null) {
            switch (method) {
                case "GET" -> sendJson(response, callback, 200, objects.list(kind, ns));
                case "POST" -> sendJson(response, callback, 201, objects.create(kind, ns, readBody(request)));
                default -> throw notAllowed(method);
            }
            return;
        }
        switch (method) {
            case "GET" -> sendJson(response, callback, 200, objects.get(kind, ns, name));
            case "PUT" -> sendJson(response, callback, 200, objects.replace(kind, ns, name, readBody(request)));
            case "DELETE" -> sendJson(response, callback, 200, objects.delete(kind, ns, name));
            default -> throw notAllowed(method);
        }
    }

    private void streamLogs(Response response, Callback callback, String ns, String name, Fields query) {
        // Errors (pod or container not found) come before the status line is committed.
        PodService.LogSource log = pods.logs(ns, name, query.getValue("container"), "true".equals(query.getValue("previous")));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            log.copyTo(out);
        } catch (IOException e) {
            callback.failed(e);
            return;
        }
        callback.succeeded();
    }

    private void streamExec(Response response, Callback callback, String ns, String name, Fields query) {
        List<String> command = new ArrayList<>(query.getValues("command"));
        if (command.isEmpty()) {
            throw new MinipodException("BadRequest", 2, "you must specify at least one command for the container");
        }
        pods.get(ns, name);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/vnd.minipod.exec-stream");
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            ExecFrames frames = new ExecFrames(out);
            int code;
            try {
                code = pods.exec(ns, name, query.getValue("container"), command, frames);
            } catch (MinipodException e) {
                byte[] msg = ("error: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
                frames.stderr(msg, msg.length);
                code = e.exitCode() == 1 ? 126 : e.exitCode();
            }
            frames.exit(code);
        } catch (IOException e) {
            callback.failed(e);
            return;
        }
        callback.succeeded();
    }

    private static boolean isTrue(String v) {
        return "true".equals(v) || "1".equals(v);
    }

    /** `?watch=true`: one JSON object per line, {"type":..,"object":Pod}, until the client goes or the limit. */
    private void streamWatch(Response response, Callback callback, String ns) {
        BlockingQueue<PodChanges.Change> changes = pods.watch(ns);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        long deadline = System.nanoTime() + WATCH_LIMIT.toNanos();
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            while (System.nanoTime() < deadline) {
                PodChanges.Change c = changes.poll(1, TimeUnit.SECONDS);
                if (c == null || !ns.equals(c.object().getMetadata().getNamespace())) {
                    continue;
                }
                Map<String, Object> event = new java.util.LinkedHashMap<>();
                event.put("type", c.type());
                event.put("object", c.object());
                out.write(json.writeValueAsBytes(event));
                out.write('\n');
                out.flush();
            }
        } catch (IOException e) {
            // the watcher went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pods.unwatch(changes);
        }
        callback.succeeded();
    }

    private static MinipodException notAllowed(String method) {
        return new MinipodException("MethodNotAllowed", 2, "the server does not allow this method on the requested resource: " + method);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static byte[] readBody(Request request) {
        try (var in = Content.Source.asInputStream(request)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new MinipodException("BadRequest", 2, "read request body: " + e.getMessage());
        }
    }

    private <T> T readJson(Request request, Class<T> type) {
        try {
            return json.readValue(readBody(request), type);
        } catch (IOException e) {
            throw new MinipodException("BadRequest", 2, "malformed JSON body: " + e.getMessage());
        }
    }

    private void sendJson(Response response, Callback callback, int code, Object body) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("serialize response", e);
        }
        response.setStatus(code);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, java.nio.ByteBuffer.wrap(bytes), callback);
    }

    private void sendError(Response response, Callback callback, MinipodException e) {
        if (response.isCommitted()) {
            callback.failed(e);
            return;
        }
        Map<String, Object> status = StatusErrors.status(e, causes.apply(e));
        sendJson(response, callback, (Integer) status.get("code"), status);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
