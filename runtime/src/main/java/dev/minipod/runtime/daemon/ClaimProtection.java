package dev.minipod.runtime.daemon;

import java.util.concurrent.BlockingQueue;

import dev.minipod.runtime.objects.ObjectStore;
import dev.minipod.runtime.status.PodChanges;

/**
 * The pvc-protection controller's other half: each pod that is gone (DELETED, after its teardown) may release
 * claims whose deletion waited for it. One platform thread reading the pod change stream.
 */
final class ClaimProtection implements AutoCloseable {
    private final PodChanges changes;
    private final BlockingQueue<PodChanges.Change> queue;
    private final Thread thread;

    private ClaimProtection(PodChanges changes, ObjectStore objects) {
        this.changes = changes;
        this.queue = changes.subscribe();
        this.thread = new Thread(() -> run(objects), "claim-protection");
        thread.setDaemon(true);
    }

    static ClaimProtection start(PodChanges changes, ObjectStore objects) {
        ClaimProtection p = new ClaimProtection(changes, objects);
        p.thread.start();
        return p;
    }

    private void run(ObjectStore objects) {
        try {
            while (true) {
                PodChanges.Change c = queue.take();
                if (c.type().equals("DELETED")) objects.podGone(c.object().getMetadata().getUid());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        changes.unsubscribe(queue);
        thread.interrupt();
    }
}
