package dev.minipod.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private long filesUnder(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void createsMissingParents() throws IOException {
        Path target = dir.resolve("pods/uid-1/containers/app/pod.json");
        AtomicFiles.write(target, utf8("{\"a\":1}"));
        assertThat(Files.readString(target)).isEqualTo("{\"a\":1}");
    }

    @Test
    void leavesNoTempFileBehind() throws IOException {
        Path target = dir.resolve("runtime.json");
        AtomicFiles.write(target, utf8("one"));
        AtomicFiles.write(target, utf8("two"));
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("runtime.json");
        }
        assertThat(filesUnder(dir)).isEqualTo(1);
    }

    @Test
    void replacesWithANewInodeSoReadersOfTheOldFileSeeTheOldContent() throws IOException {
        Path target = dir.resolve("state.json");
        AtomicFiles.write(target, utf8("old content, longer than the new one"));
        Object before = Files.readAttributes(target, BasicFileAttributes.class).fileKey();
        try (var oldReader = Files.newInputStream(target)) {
            AtomicFiles.write(target, utf8("new"));
            // rename replaced the directory entry; an open reader still sees the complete old file
            assertThat(new String(oldReader.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("old content, longer than the new one");
        }
        Object after = Files.readAttributes(target, BasicFileAttributes.class).fileKey();
        assertThat(after).isNotEqualTo(before);
        assertThat(Files.readString(target)).isEqualTo("new");
    }

    @Test
    void emptyContent() throws IOException {
        Path target = dir.resolve("empty");
        AtomicFiles.write(target, new byte[0]);
        assertThat(target).isRegularFile().isEmptyFile();
    }

    @Test
    void staleTempFileFromACrashNeverLeaksIntoTheTarget() throws IOException {
        // each write uses its own temp name, so a crashed write's leftover is never reused
        Path target = dir.resolve("pod.json");
        Files.writeString(dir.resolve(".pod.json.tmp"), "half-written garbage from a crashed write, quite long");
        AtomicFiles.write(target, utf8("{}"));
        assertThat(Files.readString(target)).isEqualTo("{}");
    }

    @Test
    void binaryContentIsKeptByteForByte() throws IOException {
        byte[] b = new byte[256 * 1024 + 7];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 31);
        }
        Path target = dir.resolve("blob");
        AtomicFiles.write(target, b);
        assertThat(Files.readAllBytes(target)).isEqualTo(b);
    }

    @Test
    void failureNamesTheTarget() throws IOException {
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "x");
        Path target = blocker.resolve("child.json");
        assertThatThrownBy(() -> AtomicFiles.write(target, utf8("{}")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("write `" + target + "`");
    }

    @Test
    void failedRenameLeavesNoTempFile() throws IOException {
        Path target = dir.resolve("pod.json");
        Files.createDirectories(target.resolve("occupied"));
        assertThatThrownBy(() -> AtomicFiles.write(target, utf8("{}"))).isInstanceOf(UncheckedIOException.class);
        assertThat(dir.resolve(".pod.json.tmp")).doesNotExist();
    }
}
