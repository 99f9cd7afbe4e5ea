package dev.minipod.runtime.plan;

import dev.minipod.runtime.MinipodException;
import io.fabric8.kubernetes.api.model.Container;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The process a container runs, by the Kubernetes rules for {@code command}/{@code args} versus
 * the image's Entrypoint/Cmd:
 * <ul>
 *   <li>neither set: image Entrypoint + image Cmd;</li>
 *   <li>command only: command (the image Cmd is dropped);</li>
 *   <li>args only: image Entrypoint + args;</li>
 *   <li>both: command + args.</li>
 * </ul>
 * {@code $(VAR)} in command and args is expanded against the container's env
 * ({@link EnvExpander#containerEnv}); the image's Entrypoint and Cmd are used verbatim.
 */
public final class CommandResolver {
    private CommandResolver() {}

    public static List<String> resolve(Container c, List<String> imageEntrypoint, List<String> imageCmd,
                                       Map<String, String> env) {
        List<String> command = c.getCommand() == null ? List.of() : c.getCommand();
        List<String> args = c.getArgs() == null ? List.of() : c.getArgs();
        List<String> out = new ArrayList<>();
        if (command.isEmpty()) {
            out.addAll(imageEntrypoint == null ? List.of() : imageEntrypoint);
            if (args.isEmpty()) out.addAll(imageCmd == null ? List.of() : imageCmd);
        } else {
            for (String s : command) out.add(EnvExpander.expand(s, env));
        }
        for (String s : args) out.add(EnvExpander.expand(s, env));
        if (out.isEmpty()) {
            throw MinipodException.invalid("container \"" + c.getName()
                    + "\": no command specified: the pod sets no command and the image has no Entrypoint or Cmd");
        }
        return out;
    }
}
