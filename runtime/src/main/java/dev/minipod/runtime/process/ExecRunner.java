package dev.minipod.runtime.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.minipod.runtime.MinipodException;
import dev.minipod.runtime.api.PodService;
import dev.minipod.runtime.linux.Kernel;
import dev.minipod.runtime.plan.ContainerPlan;

/**
 * Runs a command inside a running container's namespaces (`minipod exec`): the monitor in exec mode
 * joins them and forks the command; its stdout/stderr stream back through pipes.
 */
public final class ExecRunner {
    private final Kernel kernel;
    private final Path monitorBinary;

    public ExecRunner(Kernel kernel, Path libexec) {
        this.kernel = kernel;
        this.monitorBinary = libexec.resolve("minipod-monitor");
    }

    /** @param cgroupProcs the container's cgroup.procs files: the command joins its cgroups */
    public int exec(ContainerPlan c, Instance target, Path rootfs, List<Path> cgroupProcs, List<String> command,
                    PodService.ExecSink sink) {
        return exec(c, target, rootfs, cgroupProcs, command, sink, helper -> { });
    }

    /**
     * Like {@link #exec(ContainerPlan, Instance, Path, List, List, PodService.ExecSink)}, and calls
     * {@code onStart} with the exec helper right after it is spawned (e.g. to arm a timeout). The
     * helper's pidfd is closed when this returns: keep your own (pidfd_open of its pid) if needed.
     */
    public int exec(ContainerPlan c, Instance target, Path rootfs, List<Path> cgroupProcs, List<String> command,
                    PodService.ExecSink sink, Consumer<Kernel.Child> onStart) {
        if (!ProcStat.isSameProcess(target.containerPid(), target.containerStartTime())) {
            throw MinipodException.failure("BadRequest", "container " + c.name() + " is not running");
        }
        String proc = "/proc/" + target.containerPid() + "/ns/";
        MonitorConfig config = new MonitorConfig().put("pidns", proc + "pid");
        for (String type : List.of("ipc", "uts", "net", "mnt")) {
            config.put("ns", type + " " + proc + type);
        }
        cgroupProcs.forEach(p -> config.put("cgroup", p.toString()));
        config.put("cwd", c.workingDir() == null || c.workingDir().isEmpty() ? "/" : c.workingDir());
        SecurityConfig.put(config, rootfs, c);
        config.put("path", c.searchPath())
                .putAll("arg", command)
                .putAll("env", c.env());
        int memfd = kernel.memfd("minipod-exec", config.toBytes());
        List<Integer> fds = new ArrayList<>(List.of(memfd));
        try {
            int[] out = kernel.pipe();
            fds.add(out[0]);
            fds.add(out[1]);
            int[] err = kernel.pipe();
            fds.add(err[0]);
            fds.add(err[1]);
            Kernel.Child helper = kernel.spawn(monitorBinary, List.of("minipod-monitor", "exec"), List.of(),
                    new int[] {-1, out[1], err[1], memfd}, 0, null);
            kernel.close(out[1]);
            kernel.close(err[1]);
            kernel.close(memfd);
            fds.removeAll(List.of(out[1], err[1], memfd));
            try {
                onStart.accept(helper);
                relay(out[0], err[0], helper.pidfd(), sink);
                Kernel.Exit exit = kernel.waitExit(helper.pidfd(), false);
                return exit == null ? 255 : exit.exitCode();
            } finally {
                kernel.close(helper.pidfd());
            }
        } finally {
            fds.forEach(kernel::close);
        }
    }

    /** Copies both pipes until they close or, once the helper has exited, until no data is left. */
    private void relay(int out, int err, int pidfd, PodService.ExecSink sink) {
        byte[] buf = new byte[16384];
        boolean outOpen = true;
        boolean errOpen = true;
        boolean exited = false;
        while (outOpen || errOpen) {
            int[] fds = {outOpen ? out : -1, errOpen ? err : -1, pidfd};
            int[] ready = kernel.poll(fds, exited ? 0 : 1000);
            boolean any = false;
            if (outOpen && ready[0] != 0) {
                int n = kernel.read(out, buf);
                outOpen = n > 0;
                if (n > 0) {
                    sink.stdout(buf, n);
                }
                any = true;
            }
            if (errOpen && ready[1] != 0) {
                int n = kernel.read(err, buf);
                errOpen = n > 0;
                if (n > 0) {
                    sink.stderr(buf, n);
                }
                any = true;
            }
            if (ready[2] != 0) {
                if (exited && !any) {
                    return;
                }
                exited = true;
            }
        }
    }
}
