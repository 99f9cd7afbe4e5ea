package dev.minipod.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** {@code minipod version}. */
@Command(name = "version", description = "Print the client version.")
final class VersionCommand implements Callable<Integer> {
    @ParentCommand
    Main root;

    @Override
    public Integer call() {
        root.out.println("Client Version: v" + Version.VERSION);
        return 0;
    }
}
