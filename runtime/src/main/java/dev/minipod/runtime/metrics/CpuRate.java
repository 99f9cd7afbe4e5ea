package dev.minipod.runtime.metrics;

/** CPU usage over a window, in nanocores (CPU-nanoseconds per second), as metrics-server reports it. */
public final class CpuRate {
    private CpuRate() {}

    /** A counter reading: cumulative CPU nanoseconds at a monotonic instant. */
    public record Sample(long cpuNanos, long atNanos) {}

    /** Nanocores between two readings of one cgroup; 0 when the counter went back (a new cgroup). */
    public static long nanocores(Sample earlier, Sample later) {
        long window = later.atNanos() - earlier.atNanos();
        long used = later.cpuNanos() - earlier.cpuNanos();
        if (window <= 0 || used < 0) {
            return 0;
        }
        return java.math.BigInteger.valueOf(used).multiply(java.math.BigInteger.valueOf(1_000_000_000L))
                .divide(java.math.BigInteger.valueOf(window)).longValue();
    }

    /** metrics.k8s.io quantities: cpu in nanocores ("1500000n"), memory in Ki when whole ("1024Ki"), else bytes. */
    public static String cpuQuantity(long nanocores) {
        return nanocores + "n";
    }

    public static String memoryQuantity(long bytes) {
        return bytes % 1024 == 0 && bytes != 0 ? bytes / 1024 + "Ki" : Long.toString(bytes);
    }
}
