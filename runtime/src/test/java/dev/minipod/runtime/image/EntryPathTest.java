package dev.minipod.runtime.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class EntryPathTest {
    @ParameterizedTest
    @CsvSource({
            "./, .",
            "., .",
            "./etc/passwd, etc/passwd",
            "a//b/./c/, a/b/c",
            "a/../b, b",
            "a/b/../../c, c",
    })
    void normalisesLexically(String name, String expected) {
        assertThat(EntryPath.parse("l", name)).hasToString(expected);
    }

    @Test
    void knowsItsParentAndName() {
        EntryPath p = EntryPath.parse("l", "usr/bin/env");
        assertThat(p.fileName()).isEqualTo("env");
        assertThat(p.parent()).hasToString("usr/bin");
        assertThat(EntryPath.parse("l", "./").isRoot()).isTrue();
    }
}
