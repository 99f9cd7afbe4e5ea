package dev.minipod.runtime.plan;

import java.util.List;

import io.fabric8.kubernetes.api.model.LifecycleHandler;

/**
 * A postStart or preStop hook, decided: an exec command run in the container, or a sleep.
 *
 * @param exec the command (null unless an exec hook)
 * @param sleepSeconds seconds to sleep (null unless a sleep hook)
 * @param httpGet the HTTP request to send from the pod's network namespace (null unless an httpGet hook)
 */
public record Hook(List<String> exec, Long sleepSeconds, io.fabric8.kubernetes.api.model.HTTPGetAction httpGet) {
    static Hook of(LifecycleHandler h) {
        if (h == null) {
            return null;
        }
        if (h.getExec() != null) {
            return new Hook(List.copyOf(h.getExec().getCommand()), null, null);
        }
        if (h.getSleep() != null) {
            return new Hook(null, h.getSleep().getSeconds(), null);
        }
        if (h.getHttpGet() != null) {
            return new Hook(null, null, h.getHttpGet());
        }
        return null;
    }
}
