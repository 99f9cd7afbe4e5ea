package dev.minipod.runtime.status;

import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

import io.fabric8.kubernetes.api.model.Pod;

/** Fans pod changes out to watchers (`?watch=true`): ADDED, MODIFIED, DELETED, as the API server does. */
public final class PodChanges {
    /** One change, in the API's watch event shape. */
    public record Change(String type, Pod object) {}

    private final Set<BlockingQueue<Change>> subscribers = ConcurrentHashMap.newKeySet();

    public BlockingQueue<Change> subscribe() {
        BlockingQueue<Change> q = new LinkedBlockingQueue<>(10_000);
        subscribers.add(q);
        return q;
    }

    public void unsubscribe(BlockingQueue<Change> q) {
        subscribers.remove(q);
    }

    public void publish(String type, Pod pod) {
        for (BlockingQueue<Change> q : subscribers) {
            // a watcher that stopped reading loses changes rather than holding the pod worker up
            q.offer(new Change(type, pod));
        }
    }
}
