package dev.minipod.runtime.daemon;

import java.nio.file.Path;
import java.time.Duration;

import dev.minipod.runtime.MinipodException;
import dev.minipod.runtime.state.Layout;

/**
 * The daemon's settings: roots, where the native helpers are, CrashLoopBackOff timings (tests
 * shorten them).
 */
public record DaemonOptions(Layout layout, Path libexec, Duration backoffInitial, Duration backoffCap, String nodeName,
                            String cgroupParent) {

    public static DaemonOptions parse(String[] args) {
        Layout d = Layout.defaults();
        Path root = d.root();
        Path runRoot = d.runRoot();
        Path logRoot = d.logRoot();
        String lib = System.getProperty("minipod.libexec");
        Path libexec = lib == null ? null : Path.of(lib);
        Duration initial = Duration.ofSeconds(10);
        Duration cap = Duration.ofSeconds(300);
        String nodeName = null;
        String cgroupParent = "minipod";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--root" -> root = Path.of(need(a, v));
                case "--run-root" -> runRoot = Path.of(need(a, v));
                case "--log-root" -> logRoot = Path.of(need(a, v));
                case "--libexec" -> libexec = Path.of(need(a, v));
                case "--backoff-initial" -> initial = duration(a, need(a, v));
                case "--backoff-cap" -> cap = duration(a, need(a, v));
                case "--node-name" -> nodeName = need(a, v);
                case "--cgroup-parent" -> cgroupParent = need(a, v);
                default -> throw MinipodException.invalid("daemon: unknown option `" + a + "`");
            }
            i++;
        }
        if (libexec == null) {
            throw MinipodException.invalid("daemon: --libexec (or -Dminipod.libexec) must name the native helpers' directory");
        }
        return new DaemonOptions(new Layout(root, runRoot, logRoot), libexec, initial, cap,
                nodeName != null ? nodeName : HostInfo.hostname(), cgroupParent);
    }

    private static String need(String flag, String value) {
        if (value == null) {
            throw MinipodException.invalid("daemon: option `" + flag + "` needs a value");
        }
        return value;
    }

    /** "10s", "500ms", "2m". */
    static Duration duration(String flag, String v) {
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
            }
            if (v.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw MinipodException.invalid("daemon: option `" + flag + "`: invalid duration `" + v + "` (use 10s, 500ms, 5m)");
    }
}
