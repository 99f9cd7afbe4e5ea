package dev.minipod.runtime.network;

import dev.minipod.runtime.MinipodException;

/** A network configuration could not be loaded, or a plugin failed; the message names which and why. */
public final class CniException extends MinipodException {
    public CniException(String message) {
        super("NetworkPluginFailed", 1, message);
    }

    public CniException(String message, Throwable cause) {
        super("NetworkPluginFailed", 1, message, cause);
    }
}
