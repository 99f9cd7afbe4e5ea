package dev.minipod.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CriLogTest {
    @Test
    void fullLineGetsItsNewlineBack() {
        assertThat(CriLog.content("2026-01-02T15:04:05.123456789Z stdout F hello world")).isEqualTo("hello world\n");
        assertThat(CriLog.content("2026-01-02T15:04:05.123456789Z stderr F oops")).isEqualTo("oops\n");
    }

    @Test
    void partialLineHasNoNewline() {
        assertThat(CriLog.content("2026-01-02T15:04:05.123456789Z stdout P part one ")).isEqualTo("part one ");
    }

    @Test
    void textKeepsItsOwnSpacesAndTabs() {
        assertThat(CriLog.content("2026-01-02T15:04:05Z stdout F   a\tb  ")).isEqualTo("  a\tb  \n");
    }

    @Test
    void emptyFullLineIsJustANewline() {
        assertThat(CriLog.content("2026-01-02T15:04:05.1Z stdout F ")).isEqualTo("\n");
        // tag without the separating space, as a writer that trims would produce
        assertThat(CriLog.content("2026-01-02T15:04:05.1Z stdout F")).isEqualTo("\n");
        assertThat(CriLog.content("2026-01-02T15:04:05.1Z stdout P")).isEqualTo("");
    }

    @Test
    void malformedLinesAreNull() {
        assertThat(CriLog.content("")).isNull();
        assertThat(CriLog.content("no-spaces-at-all")).isNull();
        assertThat(CriLog.content("2026-01-02T15:04:05Z stdout")).isNull();
        assertThat(CriLog.content("2026-01-02T15:04:05Z stdout ")).isNull();
    }

    @Test
    void copyJoinsPartialsAndDropsMalformedLines(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("0.log");
        Files.writeString(log, String.join("\n",
                "2026-01-02T15:04:05.000000001Z stdout F first",
                "2026-01-02T15:04:05.000000002Z stdout P a long ",
                "2026-01-02T15:04:05.000000003Z stdout P line in ",
                "2026-01-02T15:04:05.000000004Z stdout F three pieces",
                "garbage",
                "2026-01-02T15:04:05.000000005Z stderr F to stderr",
                "2026-01-02T15:04:05.000000006Z stdout F ",
                "2026-01-02T15:04:05.000000007Z stdout P unfinished") + "\n", StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CriLog.copy(log, out);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("first\na long line in three pieces\nto stderr\n\nunfinished");
    }

    @Test
    void copyOfAFileWhoseLastLineHasNoNewline(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("0.log");
        Files.writeString(log, "2026-01-02T15:04:05Z stdout F one\n2026-01-02T15:04:05Z stdout F two");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CriLog.copy(log, out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("one\ntwo\n");
    }

    @Test
    void copyKeepsUtf8(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("0.log");
        Files.writeString(log, "2026-01-02T15:04:05Z stdout F grüße ✓\n", StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CriLog.copy(log, out);
        assertThat(out.toByteArray()).isEqualTo("grüße ✓\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void missingFilePrintsNothing(@TempDir Path dir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CriLog.copy(dir.resolve("never-started.log"), out);
        assertThat(out.size()).isZero();
    }
}
