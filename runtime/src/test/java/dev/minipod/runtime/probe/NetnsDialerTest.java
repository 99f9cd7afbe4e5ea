package dev.minipod.runtime.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.minipod.runtime.linux.Kernel;
import dev.minipod.runtime.linux.SyscallException;

/** The dialer's control flow against a recording fake Kernel (no real setns: no root needed). */
class NetnsDialerTest {
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger failRestores = new AtomicInteger();
    private final AtomicInteger failStarts = new AtomicInteger();

    private final Kernel fake = (Kernel) Proxy.newProxyInstance(Kernel.class.getClassLoader(), new Class<?>[] {Kernel.class},
            (proxy, m, args) -> {
                String t = Thread.currentThread().getName();
                switch (m.getName()) {
                    case "openThreadNetns" -> {
                        if (failStarts.getAndDecrement() > 0) throw new SyscallException(24, "open `/proc/thread-self/ns/net`: EMFILE: too many");
                        calls.add(t + " open-home");
                        return 42;
                    }
                    case "setnsPath" -> calls.add(t + " setns " + args[0]);
                    case "setnsFd" -> {
                        calls.add(t + " setns-fd " + args[0]);
                        if (failRestores.getAndDecrement() > 0) throw new SyscallException(1, "setns fd 42: EPERM: nope");
                    }
                    case "close" -> calls.add(t + " close " + args[0]);
                    default -> throw new UnsupportedOperationException(m.getName());
                }
                return null;
            });

    /** Dialer threads end after close returns; other test classes' daemons may still be closing theirs. */
    private static void assertNoDialerThreads() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> dialerThreads() == 0);
    }

    private static long dialerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("minipod-netns-dialer") && t.isAlive()).count();
    }

    @Test
    void switchesInOpensAndSwitchesBackOnItsOwnThread() throws IOException {
        NetnsDialer d = new NetnsDialer(fake);
        try (SocketChannel ch = d.openSocket(Path.of("/run/x/ns/net"))) {
            assertThat(ch.isOpen()).isTrue();
            assertThat(ch.isConnected()).isFalse();
        }
        d.close();
        assertThat(calls).containsExactly("minipod-netns-dialer open-home", "minipod-netns-dialer setns /run/x/ns/net",
                "minipod-netns-dialer setns-fd 42", "minipod-netns-dialer close 42");
        assertThat(d.threadAlive()).isFalse();
        assertThat(catchThrowable(() -> d.openSocket(Path.of("/run/x/ns/net")))).hasMessage("netns dialer is closed");
        d.close();  // idempotent
    }

    @Test
    void aThreadThatCannotGoHomeDiesAndANewOneTakesOver() throws Exception {
        failRestores.set(1);
        try (NetnsDialer d = new NetnsDialer(fake)) {
            Throwable e = catchThrowable(() -> d.openSocket(Path.of("/p")));
            assertThat(e).isInstanceOf(IOException.class).hasMessage("return from netns `/p`: setns fd 42: EPERM: nope");
            try (SocketChannel ch = d.openSocket(Path.of("/p"))) {
                assertThat(ch.isOpen()).isTrue();
            }
            assertThat(calls.stream().filter(c -> c.endsWith("open-home"))).hasSize(2);
        }
        assertThat(calls.stream().filter(c -> c.endsWith("close 42"))).hasSize(2);
        assertNoDialerThreads();
    }

    @Test
    void aFailedStartIsReportedAndRetried() throws Exception {
        failStarts.set(1);
        try (NetnsDialer d = new NetnsDialer(fake)) {
            assertThat(catchThrowable(() -> d.openSocket(Path.of("/p")))).isInstanceOf(IOException.class)
                    .hasMessageContaining("start the netns dialer").hasMessageContaining("EMFILE");
            d.openSocket(Path.of("/p")).close();
        }
        assertNoDialerThreads();
    }

    @Test
    void openerErrorsReachTheCallerAfterSwitchingBack() throws Exception {
        try (NetnsDialer d = new NetnsDialer(fake)) {
            Throwable e = catchThrowable(() -> d.open(Path.of("/p"), () -> { throw new IOException("socket: EMFILE"); }));
            assertThat(e).isInstanceOf(IOException.class).hasMessage("socket: EMFILE");
            assertThat(calls).contains("minipod-netns-dialer setns-fd 42");
        }
    }
}
