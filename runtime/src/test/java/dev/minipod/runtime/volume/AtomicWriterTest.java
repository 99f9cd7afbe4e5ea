package dev.minipod.runtime.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.minipod.runtime.MinipodException;

class AtomicWriterTest {
    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T08:40:17Z"), ZoneOffset.UTC);

    private static Map<String, FileProjection> payload(Object... pathContentMode) {
        Map<String, FileProjection> m = new LinkedHashMap<>();
        for (int i = 0; i < pathContentMode.length; i += 3) {
            m.put((String) pathContentMode[i], new FileProjection(((String) pathContentMode[i + 1]).getBytes(StandardCharsets.UTF_8),
                    (Integer) pathContentMode[i + 2]));
        }
        return m;
    }

    private List<String> entries() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void layoutIsATimestampedDirADataLinkAndOneLinkPerTopLevelName() throws IOException {
        assertThat(new AtomicWriter(dir, clock).write(payload("a", "1", 0644, "sub/b", "2", 0400))).isTrue();
        Path data = Files.readSymbolicLink(dir.resolve("..data"));
        assertThat(data.toString()).matches("\\.\\.2026_11_23_08_40_17\\.\\d+");
        assertThat(entries()).containsExactlyInAnyOrder(data.toString(), "..data", "a", "sub");
        assertThat(Files.readSymbolicLink(dir.resolve("a"))).isEqualTo(Path.of("..data/a"));
        assertThat(Files.readSymbolicLink(dir.resolve("sub"))).isEqualTo(Path.of("..data/sub"));
        assertThat(Files.readString(dir.resolve("sub/b"))).isEqualTo("2");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a")))).isEqualTo("rw-r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("sub/b")))).isEqualTo("r--------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(data)))).isEqualTo("rwxr-xr-x");
    }

    @Test
    void anUnchangedPayloadIsNotRewritten() throws IOException {
        AtomicWriter w = new AtomicWriter(dir, clock);
        w.write(payload("a", "1", 0644));
        Path before = Files.readSymbolicLink(dir.resolve("..data"));
        assertThat(w.write(payload("a", "1", 0644))).isFalse();
        assertThat(Files.readSymbolicLink(dir.resolve("..data"))).isEqualTo(before);
        assertThat(w.write(payload("a", "1", 0600))).as("like the kubelet's writer, modes are not compared").isFalse();
        assertThat(w.write(payload("a", "2", 0644))).isTrue();
    }

    @Test
    void permsAreSetOnANewVersionBeforeItIsSwappedIn() throws IOException {
        List<String> seen = new java.util.ArrayList<>();
        AtomicWriter w = new AtomicWriter(dir, clock, version -> {
            seen.add(version.getFileName() + (Files.exists(dir.resolve("..data")) ? " after" : " before"));
            try {
                Files.setPosixFilePermissions(version.resolve("a"), PosixFilePermissions.fromString("r--r-----"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        w.write(payload("a", "1", 0400));
        assertThat(seen).singleElement().asString().endsWith(" before");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a")))).isEqualTo("r--r-----");
    }

    @Test
    void anUpdateSwapsDataRemovesTheOldVersionAndStaleNames() throws IOException {
        AtomicWriter w = new AtomicWriter(dir, clock);
        w.write(payload("a", "1", 0644, "gone", "x", 0644));
        Path old = Files.readSymbolicLink(dir.resolve("..data"));
        assertThat(w.write(payload("a", "2", 0644, "new", "y", 0644))).isTrue();
        Path now = Files.readSymbolicLink(dir.resolve("..data"));
        assertThat(now).isNotEqualTo(old);
        assertThat(entries()).containsExactlyInAnyOrder(now.toString(), "..data", "a", "new");
        assertThat(Files.readString(dir.resolve("a"))).isEqualTo("2");
        assertThat(Files.exists(dir.resolve(old))).isFalse();
    }

    @Test
    void anEmptyPayloadLeavesOnlyTheDataLink() throws IOException {
        new AtomicWriter(dir, clock).write(Map.of());
        assertThat(entries()).hasSize(2).contains("..data");
    }

    @Test
    void pathsMustStayInsideAndNotLookLikeTheWritersOwn() {
        for (String bad : List.of("/etc/passwd", "../x", "a/../../x", "..data", "..hidden/x")) {
            assertThatThrownBy(() -> new AtomicWriter(dir, clock).write(payload(bad, "x", 0644)))
                    .as(bad).isInstanceOf(MinipodException.class).hasMessageContaining("invalid path");
        }
    }
}
