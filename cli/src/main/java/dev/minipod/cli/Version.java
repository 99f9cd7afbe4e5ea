package dev.minipod.cli;

/** The client version, from the jar manifest when packaged. */
final class Version {
    static final String VERSION = detect();

    private Version() {}

    private static String detect() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT";
    }
}
