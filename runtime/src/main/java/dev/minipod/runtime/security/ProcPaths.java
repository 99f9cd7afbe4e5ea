package dev.minipod.runtime.security;

import java.util.List;

/**
 * procMount Default: the paths the kubelet asks the runtime to mask and to make read-only
 * (pkg/securitycontext/util.go, DefaultProcMount; containerd and runc use the same lists).
 * Unmasked (no masking at all) needs a user namespace, which minipod does not build.
 */
public final class ProcPaths {
    private ProcPaths() {}

    public static final List<String> MASKED = List.of(
            "/proc/asound", "/proc/acpi", "/proc/interrupts", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
            "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware",
            "/sys/devices/virtual/powercap");

    public static final List<String> READONLY = List.of(
            "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");
}
