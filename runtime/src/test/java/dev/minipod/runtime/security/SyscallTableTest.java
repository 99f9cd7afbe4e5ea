package dev.minipod.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The committed x86_64 table agrees with the kernel header installed on the build host. */
class SyscallTableTest {
    private static final Path HEADER = Path.of("/usr/include/x86_64-linux-gnu/asm/unistd_64.h");

    @Test
    void everyHeaderEntryIsInTheTableWithTheSameNumber() throws Exception {
        assumeTrue(Files.exists(HEADER), "no " + HEADER + " (Debian: linux-libc-dev) to check against");
        Map<String, Integer> header = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^#define __NR_(\\w+) (\\d+)$").matcher(Files.readString(HEADER));
        while (m.find()) {
            header.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        assertThat(header).hasSizeGreaterThan(300);
        assertThat(Syscalls.table()).containsAllEntriesOf(header);
    }

    @Test
    void theDefaultProfilesNamesAreMostlyKnownHere() {
        // names of other architectures (e.g. socketcall, *_time64) are skipped as libseccomp skips them
        assertThat(Syscalls.number("unshare")).hasValue(272);
        assertThat(Syscalls.number("clone3")).hasValue(435);
        assertThat(Syscalls.number("socketcall")).isEmpty();
    }
}
