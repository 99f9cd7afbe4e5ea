package dev.minipod.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import dev.minipod.runtime.network.DefaultNetwork;
import dev.minipod.runtime.network.NetworkOptions;

/**
 * A private pod network per test node: its own bridge ({@code mpt<6 hex>}) and a /24 of 10.87/16
 * that no route uses and no other test on this machine holds (reserved by a file under /run, so
 * root tests of other worktrees running at the same time never share one). Its config dir and
 * IPAM data live under the node's temp dir. {@link #close} removes the bridge; {@link #assertClean}
 * proves no veth, iptables rule or IPAM reservation is left.
 */
public record TestNetwork(Path dir, String bridge, String subnet, String prefix) {
    private static final Path RESERVATIONS = Path.of("/run/minipod-test-subnets");

    /** The node's network, chosen on first use and remembered in {@code dir/test-network}. */
    public static TestNetwork of(Path dir) {
        Path saved = dir.resolve("test-network");
        try {
            if (Files.exists(saved)) {
                String[] f = Files.readString(saved).trim().split(" ");
                return new TestNetwork(dir, f[0], f[1], f[2]);
            }
            Files.createDirectories(RESERVATIONS);
            for (int attempt = 0; attempt < 200; attempt++) {
                int x = ThreadLocalRandom.current().nextInt(1, 255);
                String prefix = "10.87." + x + ".";
                if (routed(prefix)) {
                    continue;
                }
                try {
                    Files.writeString(RESERVATIONS.resolve(prefix + "0"), dir.toString(), java.nio.file.StandardOpenOption.CREATE_NEW);
                } catch (FileAlreadyExistsException taken) {
                    continue;
                }
                String bridge = "mpt" + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
                TestNetwork n = new TestNetwork(dir, bridge, prefix + "0/24", prefix);
                Files.writeString(saved, bridge + " " + n.subnet + " " + prefix);
                return n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no free test subnet in 10.87.0.0/16");
    }

    public NetworkOptions options() {
        List<Path> plugins = new java.util.ArrayList<>(List.of(pluginDir()));
        plugins.addAll(NetworkOptions.PLUGIN_DIRS);
        return new NetworkOptions(dir.resolve("cni"), plugins, bridge, subnet, java.time.Duration.ofSeconds(10));
    }

    /** A plugin dir searched first, where a test can drop a fake plugin. */
    public Path pluginDir() {
        return dir.resolve("cni-bin");
    }

    /** The node's conflist (the default one, until a test rewrites it). */
    public Path conflist() {
        return dir.resolve("cni").resolve("10-minipod.conflist");
    }

    /** The daemon flags for this network (tests that run the daemon as a process). */
    public List<String> flags() {
        return List.of("--cni-conf-dir", dir.resolve("cni").toString(), "--pod-bridge", bridge, "--pod-subnet", subnet,
                "--cni-bin-dir", String.join(":", options().pluginDirs().stream().map(Path::toString).toList()));
    }

    /** host-local's files for this network under the daemon root. */
    Path ipamDir() {
        return dir.resolve("run").resolve("network").resolve("ipam").resolve(DefaultNetwork.NAME);
    }

    /** No veth on the bridge, no iptables rule naming the subnet, no address reserved. */
    public void assertClean() {
        assertThat(run("ip", "-o", "link", "show", "master", bridge).stream().filter(l -> !l.isBlank() && !l.contains("does not exist")).toList())
                .as("veths left on %s", bridge).isEmpty();
        assertThat(run("iptables-save").stream().filter(l -> l.contains(prefix)).toList())
                .as("iptables rules left for %s", subnet).isEmpty();
        assertThat(listNames(ipamDir()).stream().filter(n -> n.startsWith(prefix)).toList())
                .as("IPAM reservations left in %s", ipamDir()).isEmpty();
    }

    /** Removes the bridge and the subnet reservation. */
    public void close() {
        if (Files.exists(Path.of("/sys/class/net", bridge))) {
            run("ip", "link", "del", bridge);
        }
        try {
            Files.deleteIfExists(RESERVATIONS.resolve(prefix + "0"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean routed(String prefix) {
        return run("ip", "-4", "route", "show", "table", "all").stream().anyMatch(l -> l.contains(prefix));
    }

    private static List<String> listNames(Path d) {
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
