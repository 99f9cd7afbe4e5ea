package dev.minipod.runtime.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvExpanderTest {
    static final Map<String, String> VARS = Map.of("A", "alpha", "EMPTY", "");

    static String x(String in) { return EnvExpander.expand(in, VARS); }

    @Test
    void expansionRules() {
        assertThat(x("$(A)")).isEqualTo("alpha");
        assertThat(x("pre-$(A)-post")).isEqualTo("pre-alpha-post");
        assertThat(x("$(EMPTY)x")).isEqualTo("x");
        assertThat(x("$(UNDEFINED)")).isEqualTo("$(UNDEFINED)");
        assertThat(x("$$")).isEqualTo("$");
        assertThat(x("$$(A)")).isEqualTo("$(A)");
        assertThat(x("$$$(A)")).isEqualTo("$alpha");
        assertThat(x("$(A")).isEqualTo("$(A");
        assertThat(x("$(A $(A)")).isEqualTo("$(A $(A)");
        assertThat(x("$A")).isEqualTo("$A");
        assertThat(x("x$")).isEqualTo("x$");
        assertThat(x("$()")).isEqualTo("$()");
        assertThat(x("$(A)$(A)")).isEqualTo("alphaalpha");
    }

    static EnvVar v(String name, String value) { return new EnvVar(name, value, null); }

    static EnvVar field(String name, String path) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewFieldRef().withFieldPath(path).endFieldRef().endValueFrom().build();
    }

    @Test
    void containerEnvExpandsAgainstEarlierEntriesOnly() {
        var env = EnvExpander.containerEnv(List.of(
                v("LATER_REF", "$(B)"), v("B", "b"), v("C", "$(B)-$(POD)"), field("POD", "metadata.name"),
                v("D", "$(POD)"), v("B", "b2"), v("PATHY", "$(PATH)")), path -> path.equals("metadata.name") ? "demo" : null);
        assertThat(env).containsExactly(Map.entry("LATER_REF", "$(B)"), Map.entry("B", "b2"), Map.entry("C", "b-$(POD)"),
                Map.entry("POD", "demo"), Map.entry("D", "demo"), Map.entry("PATHY", "$(PATH)"));
    }

    @Test
    void fieldRefValuesAreNotExpanded() {
        var env = EnvExpander.containerEnv(List.of(v("X", "x"), field("F", "metadata.name")), p -> "$(X)");
        assertThat(env.get("F")).isEqualTo("$(X)");
    }

    @Test
    void assembleLaysContainerEnvOverImageEnv() {
        List<String> out = EnvExpander.assemble(List.of("PATH=/bin", "HOME=/root", "BARE"),
                List.of(v("HOME", "/home/x"), v("NEW", "1")), p -> null);
        assertThat(out).containsExactly("PATH=/bin", "HOME=/home/x", "BARE=", "NEW=1");
    }

    @Test
    void objectValuesAreEmptyInThePlannersPreview() {
        // configMap/secret/resource values are read when the container starts (ContainerEnv)
        EnvVar cm = new EnvVarBuilder().withName("K").withNewValueFrom().withNewConfigMapKeyRef("k", "cm", false).endValueFrom().build();
        assertThat(EnvExpander.containerEnv(List.of(cm), p -> null)).containsEntry("K", "");
    }
}
