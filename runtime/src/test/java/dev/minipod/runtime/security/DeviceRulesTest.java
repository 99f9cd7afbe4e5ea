package dev.minipod.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DeviceRulesTest {
    @Test
    void unprivilegedContainersMayOpenOnlyTheStandardNodes() {
        List<String> rules = DeviceRules.forContainer(SecurityPlan.defaults());
        assertThat(rules).contains("c 1:3 rwm", "c 136:* rwm", "b *:* m").doesNotContain("a *:* rwm");
        assertThat(rules).noneMatch(r -> r.startsWith("b ") && r.endsWith("rwm"));
        SecurityPlan privileged = new SecurityPlan(null, null, List.of(), true, null, null, false, true, Capabilities.ALL,
                false, List.of(), List.of(), null, Map.of());
        assertThat(DeviceRules.forContainer(privileged)).containsExactly("a *:* rwm");
    }
}
