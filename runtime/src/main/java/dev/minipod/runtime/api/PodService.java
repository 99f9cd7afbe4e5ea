package dev.minipod.runtime.api;

import java.io.OutputStream;
import java.util.List;

import java.util.Map;
import java.util.concurrent.BlockingQueue;

import dev.minipod.runtime.status.PodChanges;
import io.fabric8.kubernetes.api.model.EventList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;

/** What the API serves; the daemon implements it. Errors are MinipodExceptions. */
public interface PodService {
    Pod create(String namespace, byte[] body);

    Pod get(String namespace, String name);

    /** Replaces a pod (PUT): only its labels and annotations may change; returns the pod as stored. */
    Pod update(String namespace, String name, byte[] body);

    PodList list(String namespace);

    /** Starts graceful deletion; returns the pod with deletionTimestamp set. gracePeriod null = the pod's own. */
    Pod delete(String namespace, String name, Long gracePeriodSeconds);

    /**
     * Resolves a container's log (errors are thrown here, before anything is sent) and returns how to
     * copy it out.
     */
    LogSource logs(String namespace, String name, String container, boolean previous);

    /** A resolved log, ready to stream. */
    interface LogSource {
        void copyTo(OutputStream out);
    }

    /** Runs command in the container; streams through sink; returns the exit code. */
    int exec(String namespace, String name, String container, List<String> command, ExecSink sink);

    /**
     * A TCP connection to {@code port} on the pod's loopback, opened in the pod's network namespace
     * (port-forward); the caller owns and closes it.
     */
    java.nio.channels.SocketChannel portForward(String namespace, String name, int port);

    /** Events of a namespace (null: all) matching a field selector, oldest first. */
    EventList events(String namespace, Map<String, String> fieldSelector);

    /** A stream of pod changes: ADDED for every current pod first. Call unwatch when done. */
    BlockingQueue<PodChanges.Change> watch(String namespace);

    void unwatch(BlockingQueue<PodChanges.Change> changes);

    /** Imports an OCI layout dir as name[:tag]; returns {name, digest}. */
    String[] importImage(String path, String name);

    /** Where exec output goes. */
    interface ExecSink {
        void stdout(byte[] buf, int len);

        void stderr(byte[] buf, int len);
    }

    /**
     * metrics.k8s.io PodMetrics of one pod (name given) or a PodMetricsList of the namespace
     * (name null), as JSON-ready maps.
     */
    default Object podMetrics(String namespace, String name) {
        throw new dev.minipod.runtime.MinipodException("NotFound", 3, "the server could not find the requested resource");
    }
}
