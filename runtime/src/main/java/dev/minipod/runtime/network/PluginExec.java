package dev.minipod.runtime.network;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Runs one plugin binary: environment and stdin in, exit status and output back, bounded by a timeout. */
public interface PluginExec {

    record Output(int status, byte[] stdout, byte[] stderr) {}

    /** @throws CniException if the plugin cannot be started or outlives {@code timeout} (it is then killed) */
    Output run(Path binary, Map<String, String> env, byte[] stdin, Duration timeout);
}
