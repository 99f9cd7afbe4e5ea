package dev.minipod.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExitRecordTest {
    @TempDir
    Path dir;

    @Test
    void readsTheMonitorsExitFileWithNanosecondTimes() throws IOException {
        Path f = dir.resolve("exit");
        Files.writeString(f, "{\"exitCode\":3,\"signal\":0,\"startedAt\":\"2026-01-02T15:04:05.123456789Z\","
                + "\"finishedAt\":\"2026-01-02T15:04:07.000000001Z\"}");
        assertThat(ExitRecord.read(f)).contains(new ExitRecord(3, 0,
                Instant.parse("2026-01-02T15:04:05.123456789Z"), Instant.parse("2026-01-02T15:04:07.000000001Z"), null));
        ExitRecord r = ExitRecord.read(f).orElseThrow();
        assertThat(r.startedAt().getNano()).isEqualTo(123456789);
        assertThat(r.finishedAt().getEpochSecond() - r.startedAt().getEpochSecond()).isEqualTo(2);
    }

    @Test
    void killedBySignal() throws IOException {
        Path f = dir.resolve("exit");
        Files.writeString(f, "{\"exitCode\":137,\"signal\":9,\"startedAt\":\"2026-01-02T15:04:05.000000000Z\","
                + "\"finishedAt\":\"2026-01-02T15:04:06.500000000Z\"}\n");
        ExitRecord r = ExitRecord.read(f).orElseThrow();
        assertThat(r.exitCode()).isEqualTo(137);
        assertThat(r.signal()).isEqualTo(9);
        assertThat(r.startError()).isNull();
        assertThat(r.finishedAt()).isEqualTo(Instant.parse("2026-01-02T15:04:06.5Z"));
    }

    @Test
    void startErrorVariant() throws IOException {
        Path f = dir.resolve("exit");
        Files.writeString(f, "{\"exitCode\":128,\"signal\":0,\"startError\":\"execve: ENOENT: No such file or directory\","
                + "\"startedAt\":\"2026-01-02T15:04:05.000000001Z\",\"finishedAt\":\"2026-01-02T15:04:05.000000002Z\"}");
        ExitRecord r = ExitRecord.read(f).orElseThrow();
        assertThat(r.exitCode()).isEqualTo(128);
        assertThat(r.signal()).isZero();
        assertThat(r.startError()).isEqualTo("execve: ENOENT: No such file or directory");
        assertThat(r.startedAt()).isEqualTo(Instant.parse("2026-01-02T15:04:05.000000001Z"));
    }

    @Test
    void absentOrEmptyTimesAreNull() throws IOException {
        Path f = dir.resolve("exit");
        Files.writeString(f, "{\"exitCode\":128,\"signal\":0,\"startError\":\"pivot_root: EINVAL: Invalid argument\",\"startedAt\":\"\"}");
        ExitRecord r = ExitRecord.read(f).orElseThrow();
        assertThat(r.startedAt()).isNull();
        assertThat(r.finishedAt()).isNull();
        assertThat(r.startError()).isEqualTo("pivot_root: EINVAL: Invalid argument");
    }

    @Test
    void missingFileIsEmpty() {
        assertThat(ExitRecord.read(dir.resolve("exit"))).isEqualTo(Optional.empty());
    }

    @Test
    void truncatedFileIsAnError() throws IOException {
        Path f = dir.resolve("exit");
        Files.writeString(f, "{\"exitCode\":3,\"sig");
        assertThatThrownBy(() -> ExitRecord.read(f)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("read exit file `" + f + "`");
    }
}
