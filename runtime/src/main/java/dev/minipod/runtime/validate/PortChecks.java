package dev.minipod.runtime.validate;

import static dev.minipod.runtime.validate.Paths.empty;
import static dev.minipod.runtime.validate.Paths.list;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Container ports: names, numbers, protocols. */
final class PortChecks {
    private PortChecks() {}

    static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
    static final String PORT_RANGE = "must be between 1 and 65535, inclusive";

    static void ports(Container c, ContainerContext ctx, List<FieldError> out) {
        Set<String> names = new HashSet<>();
        List<ContainerPort> ports = list(c.getPorts());
        for (int i = 0; i < ports.size(); i++) {
            ContainerPort p = ports.get(i);
            String path = ctx.path() + ".ports[" + i + "]";
            if (!empty(p.getName())) {
                List<String> msgs = Names.portName(p.getName());
                if (!msgs.isEmpty()) Paths.invalidEach(out, path + ".name", p.getName(), msgs);
                else if (!names.add(p.getName())) out.add(FieldError.duplicate(path + ".name", p.getName()));
            }
            int cp = p.getContainerPort() == null ? 0 : p.getContainerPort();
            if (cp == 0) out.add(FieldError.required(path + ".containerPort", ""));
            else if (!validPort(cp)) out.add(FieldError.invalid(path + ".containerPort", cp, PORT_RANGE));
            int hp = p.getHostPort() == null ? 0 : p.getHostPort();
            if (hp != 0 && !validPort(hp)) out.add(FieldError.invalid(path + ".hostPort", hp, PORT_RANGE));
            if (empty(p.getProtocol())) out.add(FieldError.required(path + ".protocol", ""));
            else if (!PROTOCOLS.contains(p.getProtocol())) out.add(FieldError.unsupported(path + ".protocol", p.getProtocol(), PROTOCOLS));
        }
    }

    static boolean validPort(int n) { return n >= 1 && n <= 65535; }
}
