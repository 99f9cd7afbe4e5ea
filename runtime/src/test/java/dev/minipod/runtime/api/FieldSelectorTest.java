package dev.minipod.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.minipod.runtime.MinipodException;

class FieldSelectorTest {
    @Test
    void equalityTermsAsKubectlSendsThem() {
        assertThat(FieldSelector.parse("involvedObject.name=demo,involvedObject.namespace==default"))
                .containsExactly(Map.entry("involvedObject.name", "demo"), Map.entry("involvedObject.namespace", "default"));
        assertThat(FieldSelector.parse(null)).isEmpty();
        assertThat(FieldSelector.parse("involvedObject.fieldPath=spec.containers{web}"))
                .containsEntry("involvedObject.fieldPath", "spec.containers{web}");
    }

    @Test
    void inequalityAndGarbageAreBadRequests() {
        assertThatThrownBy(() -> FieldSelector.parse("type!=Normal")).isInstanceOf(MinipodException.class).hasMessageContaining("not supported yet");
        assertThatThrownBy(() -> FieldSelector.parse("nonsense")).isInstanceOf(MinipodException.class).hasMessageContaining("expected KEY=VALUE");
    }
}
