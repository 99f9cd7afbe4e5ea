package dev.minipod.runtime.daemon;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;

/** The node's name and address, as the kubelet reports them in status.hostIP. */
final class HostInfo {
    private HostInfo() {}

    /** The daemon's capability bounding set (CapBnd in /proc/self/status): more cannot be granted. */
    static long capabilityBounding() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapBnd:")) {
                    return Long.parseUnsignedLong(line.substring(7).trim(), 16);
                }
            }
        } catch (Exception e) {
            // fall through: grant nothing beyond what a container gets anyway
        }
        return dev.minipod.runtime.security.Capabilities.DEFAULT;
    }

    static boolean appArmorEnabled() {
        try {
            return Files.readString(Path.of("/sys/module/apparmor/parameters/enabled")).trim().equals("Y");
        } catch (Exception e) {
            return false;
        }
    }

    static boolean seLinuxEnabled() {
        return Files.exists(Path.of("/sys/fs/selinux/enforce"));
    }

    static String hostname() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (Exception e) {
            return "localhost";
        }
    }

    /** The first non-loopback IPv4 address of an interface that is up; 127.0.0.1 if none. */
    static String hostIP() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        return a.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            // fall through
        }
        return "127.0.0.1";
    }
}
