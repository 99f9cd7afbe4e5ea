package dev.minipod.runtime.cgroup;

/**
 * A cgroup's usage at one instant.
 *
 * @param cpuNanos        CPU time consumed since creation (v1 cpuacct.usage, v2 cpu.stat usage_usec)
 * @param workingSetBytes memory usage minus inactive file pages, as cAdvisor (and so {@code kubectl top}) reports it
 */
public record CgroupUsage(long cpuNanos, long workingSetBytes) {}
