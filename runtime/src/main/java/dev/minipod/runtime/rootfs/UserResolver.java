package dev.minipod.runtime.rootfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.minipod.runtime.MinipodException;
import dev.minipod.runtime.security.SecurityPlan;

/**
 * Turns an image/spec user ("", "1000", "1000:50", "nobody", "nobody:nogroup") into ids, reading
 * the container's own /etc/passwd and /etc/group (through {@link SafePath}) like runc does.
 */
public final class UserResolver {
    public record Ids(int uid, int gid, List<Integer> groups) {}

    private UserResolver() {}

    public static Ids resolve(Path rootfs, String user) {
        String u = user == null || user.isEmpty() ? "0" : user;
        String userPart = u.contains(":") ? u.substring(0, u.indexOf(':')) : u;
        String groupPart = u.contains(":") ? u.substring(u.indexOf(':') + 1) : null;
        List<String[]> passwd = read(rootfs, "/etc/passwd");
        List<String[]> group = read(rootfs, "/etc/group");
        int uid;
        int gid = 0;
        String name = null;
        if (userPart.matches("\\d+")) {
            uid = id(userPart, "uid");
            for (String[] p : passwd) {
                if (p.length > 3 && p[2].equals(userPart)) {
                    gid = parseInt(p[3]);
                    name = p[0];
                    break;
                }
            }
        } else {
            String[] entry = passwd.stream().filter(p -> p.length > 3 && p[0].equals(userPart)).findFirst()
                    .orElseThrow(() -> MinipodException.invalid("unable to find user " + userPart + ": no matching entries in passwd file"));
            uid = parseInt(entry[2]);
            gid = parseInt(entry[3]);
            name = entry[0];
        }
        if (groupPart != null) {
            if (groupPart.matches("\\d+")) {
                gid = id(groupPart, "gid");
            } else {
                gid = group.stream().filter(g -> g.length > 2 && g[0].equals(groupPart)).findFirst()
                        .map(g -> parseInt(g[2]))
                        .orElseThrow(() -> MinipodException.invalid("unable to find group " + groupPart + ": no matching entries in group file"));
            }
        }
        List<Integer> groups = new ArrayList<>();
        if (name != null) {
            for (String[] g : group) {
                if (g.length > 3 && List.of(g[3].split(",")).contains(name)) {
                    groups.add(parseInt(g[2]));
                }
            }
        }
        return new Ids(uid, gid, List.copyOf(groups));
    }

    /**
     * The ids a container runs with, as containerd's CRI decides them: runAsUser (else the image's
     * user) and runAsGroup (else that user's group); the groups are the primary gid, the user's
     * memberships in the image's /etc/group (unless supplementalGroupsPolicy is Strict), then
     * supplementalGroups and fsGroup.
     */
    public static Ids forContainer(Path rootfs, String imageUser, SecurityPlan s) {
        String image = imageUser == null ? "" : imageUser;
        String user = s.runAsUser() != null ? Long.toString(s.runAsUser())
                : image.contains(":") ? image.substring(0, image.indexOf(':')) : image;
        String group = s.runAsGroup() != null ? Long.toString(s.runAsGroup())
                : s.runAsUser() == null && image.contains(":") ? image.substring(image.indexOf(':') + 1) : null;
        Ids ids = resolve(rootfs, group == null ? user : (user.isEmpty() ? "0" : user) + ":" + group);
        java.util.LinkedHashSet<Integer> groups = new java.util.LinkedHashSet<>();
        groups.add(ids.gid());
        if (s.imageGroups()) {
            groups.addAll(ids.groups());
        }
        s.supplementalGroups().forEach(g -> groups.add(g.intValue()));
        return new Ids(ids.uid(), ids.gid(), List.copyOf(groups));
    }

    /** runc's HOME for a process without one: the uid's passwd home directory, else "/". */
    public static String home(Path rootfs, int uid) {
        String id = Integer.toUnsignedString(uid);
        return read(rootfs, "/etc/passwd").stream().filter(p -> p.length > 5 && p[2].equals(id)).findFirst()
                .map(p -> p[5].isEmpty() ? "/" : p[5]).orElse("/");
    }

    /** A numeric id as the kernel takes it: 0 .. 2^32-2 (2^32-1 is the "no id" value). */
    private static int id(String s, String what) {
        try {
            long v = Long.parseLong(s);
            if (v <= 0xFFFFFFFEL) {
                return (int) v;
            }
        } catch (NumberFormatException e) {
            // too long for a long: out of range too
        }
        throw MinipodException.invalid(what + " " + s + " is out of range (0-4294967294)");
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static List<String[]> read(Path rootfs, String file) {
        Path p = SafePath.resolve(rootfs, file);
        try {
            if (!Files.isRegularFile(p)) {
                return List.of();
            }
            return Files.readAllLines(p).stream().filter(l -> !l.startsWith("#")).map(l -> l.split(":", -1)).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
