package dev.minipod.runtime.network;

import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts pods on the node's CNI network and takes them off again. ADD is cached per pod; DEL always
 * uses the cache, so it runs on every teardown path: a failed ADD, a deleted pod, a rebuilt
 * sandbox, and pods a crashed daemon left behind.
 */
public final class PodNetwork {
    private static final Logger LOG = LoggerFactory.getLogger(PodNetwork.class);

    private final NetworkOptions options;
    private final CniDriver driver;
    private final NetworkCache cache;

    public PodNetwork(NetworkOptions options, CniDriver driver, NetworkCache cache) {
        this.options = options;
        this.driver = driver;
        this.cache = cache;
    }

    /** ADD; returns the pod's IPs. On failure DEL has run and nothing is left. */
    public List<String> setUp(CniRuntime rt) {
        long t0 = System.nanoTime();
        NetworkList net = DefaultNetwork.load(options.confDir());
        tearDown(rt.podUid()); // left by a daemon that died between ADD and recording the sandbox
        cache.write(rt.podUid(), new NetworkCache.Entry(net.text(), net.source(), rt, null));
        CniResult result;
        try {
            result = driver.add(net, rt);
        } catch (RuntimeException e) {
            try {
                tearDown(rt.podUid());
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        cache.write(rt.podUid(), new NetworkCache.Entry(net.text(), net.source(), rt, result.raw()));
        List<String> ips = result.ips();
        if (ips.isEmpty()) {
            tearDown(rt.podUid());
            throw new CniException("network `" + net.name() + "` gave pod " + rt.podName() + " no IP address");
        }
        LOG.info("event=network-added pod-uid={} ips={} addMicros={}", rt.podUid(), ips, (System.nanoTime() - t0) / 1000);
        return ips;
    }

    /** DEL with the cached config and result, then forget the pod; nothing to do if it has no entry. */
    public void tearDown(String podUid) {
        NetworkCache.Entry e = cache.read(podUid).orElse(null);
        if (e == null) {
            return;
        }
        long t0 = System.nanoTime();
        driver.del(e.network(), e.runtime(), e.cniResult());
        cache.remove(podUid);
        LOG.info("event=network-deleted pod-uid={} delMicros={}", podUid, (System.nanoTime() - t0) / 1000);
    }

    /** The IPs a pod got from its last ADD (a restarted daemon keeps them), or empty. */
    public List<String> cachedIPs(String podUid) {
        return cache.read(podUid).map(NetworkCache.Entry::cniResult).map(CniResult::ips).orElse(List.of());
    }

    /** DEL for every cached pod not in {@code known}: left by a daemon that died mid-teardown. */
    public void removeOrphans(Set<String> known) {
        for (String uid : cache.podUids()) {
            if (!known.contains(uid)) {
                try {
                    tearDown(uid);
                    LOG.info("event=orphan-network-removed pod-uid={}", uid);
                } catch (RuntimeException e) {
                    LOG.error("event=orphan-network-removal-failed pod-uid={} error={}", uid, e.getMessage());
                }
            }
        }
    }
}
