package dev.minipod.cli;

import java.io.IOException;
import java.nio.file.Path;

/** Nothing accepts connections on the daemon socket. */
public final class DaemonUnavailableException extends IOException {
    private final Path socket;

    public DaemonUnavailableException(Path socket, IOException cause) {
        super("cannot connect to the minipod daemon at " + socket + ": " + cause.getMessage(), cause);
        this.socket = socket;
    }

    public Path socket() { return socket; }
}
