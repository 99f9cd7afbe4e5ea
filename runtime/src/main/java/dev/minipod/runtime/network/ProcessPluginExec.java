package dev.minipod.runtime.network;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Plugins as child processes of the daemon (java.lang.Process reaps only its own pid). The host
 * environment is inherited (plugins run iptables through PATH) with the CNI_* variables on top.
 * A plugin that outlives the timeout is killed by its pid.
 */
public final class ProcessPluginExec implements PluginExec {

    @Override
    public Output run(Path binary, Map<String, String> env, byte[] stdin, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(binary.toString());
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new CniException("exec plugin `" + binary + "`: " + e.getMessage(), e);
        }
        CompletableFuture<byte[]> out = drain(p.getInputStream(), "cni-stdout");
        CompletableFuture<byte[]> err = drain(p.getErrorStream(), "cni-stderr");
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin);
        } catch (IOException e) {
            // the plugin exited without reading its config: its status and output say why
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor();
                throw new CniException("plugin `" + binary.getFileName() + "` (pid " + p.pid() + ") did not finish within "
                        + timeout.toSeconds() + "s and was killed");
            }
            return new Output(p.exitValue(), out.get(), err.get());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CniException("interrupted while running plugin `" + binary.getFileName() + "`");
        } catch (ExecutionException e) {
            throw new CniException("read output of plugin `" + binary.getFileName() + "`: " + e.getCause().getMessage());
        }
    }

    private static CompletableFuture<byte[]> drain(InputStream s, String name) {
        CompletableFuture<byte[]> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (s) {
                f.complete(s.readAllBytes());
            } catch (IOException e) {
                f.completeExceptionally(e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return f;
    }
}
