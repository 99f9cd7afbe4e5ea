package dev.minipod.cli;

/** A malformed command line: printed with kubectl's pointer to the help, exit 2. */
final class UsageException extends CliException {
    UsageException(String command, String message) {
        super(2, "error: " + message + "\nSee '" + command + " --help' for usage.");
    }
}
