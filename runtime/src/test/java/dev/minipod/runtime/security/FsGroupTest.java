package dev.minipod.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FsGroupTest {
    @Test
    void kubeletsOwnershipBits() {
        assertThat(FsGroup.mode(0755, true, false)).isEqualTo(02775);
        assertThat(FsGroup.mode(0600, false, false)).isEqualTo(0660);
        assertThat(FsGroup.mode(0600, false, true)).isEqualTo(0640);
        assertThat(FsGroup.mode(0700, true, true)).isEqualTo(02750);
    }
}
