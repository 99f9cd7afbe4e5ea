package dev.minipod.runtime.plan;

/**
 * What the node offers pods, as the kubelet reports it in {@code status.allocatable}: capacity minus
 * reservations. Used where the kubelet falls back to it: a resourceFieldRef to an unset limit, and
 * the size of a memory-backed emptyDir.
 *
 * @param milliCpu    allocatable CPU in millicores
 * @param memoryBytes allocatable memory in bytes
 */
public record NodeAllocatable(long milliCpu, long memoryBytes) {
    /** The kubelet's default hard eviction threshold {@code memory.available<100Mi}, taken off capacity. */
    public static final long EVICTION_HARD_MEMORY = 100L << 20;

    /** Allocatable from capacity with the kubelet's defaults: no reservations, the hard eviction threshold kept back. */
    public static NodeAllocatable fromCapacity(int cpus, long memTotalBytes) {
        return new NodeAllocatable(cpus * 1000L, Math.max(0, memTotalBytes - EVICTION_HARD_MEMORY));
    }
}
