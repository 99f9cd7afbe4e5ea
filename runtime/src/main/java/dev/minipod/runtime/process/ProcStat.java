package dev.minipod.runtime.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Process identity from /proc/PID/stat: a pid plus its start time (field 22) names one process
 * for its whole life, so a recycled pid is never mistaken for ours after a daemon restart.
 */
public final class ProcStat {
    private ProcStat() {}

    /** Start time in clock ticks since boot, or -1 if the process does not exist. */
    public static long startTime(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String afterComm = stat.substring(stat.lastIndexOf(')') + 2);
            String[] f = afterComm.split(" ");
            return Long.parseLong(f[19]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    public static boolean isSameProcess(int pid, long startTime) {
        return pid > 0 && startTime >= 0 && startTime(pid) == startTime;
    }

    /** True for a zombie or dead process. */
    public static boolean isGone(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state == 'Z' || state == 'X';
        } catch (IOException e) {
            return true;
        }
    }

    /** The process's oom_score_adj, or null when it is gone. */
    public static Integer oomScoreAdj(int pid) {
        try {
            return Integer.parseInt(Files.readString(Path.of("/proc/" + pid + "/oom_score_adj")).trim());
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }
}
