package dev.minipod.runtime.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.minipod.runtime.state.AtomicFiles;

/**
 * The node's network configuration: the first {@code .conflist} of the config dir by file name
 * (libcni's order), or, when the dir holds none, the default one minipod writes there: a bridge
 * with the pod subnet behind it (gateway, masquerade), host-local IPAM, portmap and loopback.
 */
public final class DefaultNetwork {
    public static final String NAME = "minipod";
    static final String FILE = "10-minipod.conflist";

    private DefaultNetwork() {}

    /** The default conflist (pure). */
    static String conflist(String bridge, String subnet, Path ipamDataDir) {
        return """
                {
                  "cniVersion": "1.0.0",
                  "name": "%s",
                  "plugins": [
                    {
                      "type": "bridge",
                      "bridge": "%s",
                      "isGateway": true,
                      "ipMasq": true,
                      "hairpinMode": true,
                      "ipam": {
                        "type": "host-local",
                        "ranges": [[{"subnet": "%s"}]],
                        "routes": [{"dst": "0.0.0.0/0"}],
                        "dataDir": "%s"
                      }
                    },
                    {"type": "portmap", "capabilities": {"portMappings": true}},
                    {"type": "loopback"}
                  ]
                }
                """.formatted(NAME, bridge, subnet, ipamDataDir);
    }

    /** Writes the default conflist unless the dir already has a network; returns the file to use. */
    public static Path ensure(NetworkOptions o, Path ipamDataDir) {
        try {
            Files.createDirectories(o.confDir());
            List<Path> existing = conflists(o.confDir());
            if (!existing.isEmpty()) {
                return existing.get(0);
            }
            Path f = o.confDir().resolve(FILE);
            AtomicFiles.write(f, conflist(o.bridge(), o.subnet(), ipamDataDir).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException("write default network config in `" + o.confDir() + "`", e);
        }
    }

    /** Loads the network pods join: the first conflist of the dir. */
    public static NetworkList load(Path confDir) {
        List<Path> files;
        try {
            files = conflists(confDir);
        } catch (IOException e) {
            throw new CniException("read network config dir `" + confDir + "`: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new CniException("no network config found in `" + confDir + "`");
        }
        Path f = files.get(0);
        try {
            return NetworkList.parse(Files.readString(f), f.toString());
        } catch (IOException e) {
            throw new CniException("read network config `" + f + "`: " + e.getMessage());
        }
    }

    private static List<Path> conflists(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".conflist")).sorted().toList();
        }
    }
}
