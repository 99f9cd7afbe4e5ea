package dev.minipod.runtime.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minipod.runtime.MinipodException;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandResolverTest {
    static final List<String> ENTRY = List.of("/entry", "$(X)");
    static final List<String> CMD = List.of("serve");
    static final Map<String, String> ENV = Map.of("X", "x");

    static Container c(List<String> command, List<String> args) {
        return new ContainerBuilder().withName("app").withCommand(command).withArgs(args).build();
    }

    @Test
    void neitherSetUsesImageEntrypointAndCmdVerbatim() {
        assertThat(CommandResolver.resolve(c(List.of(), List.of()), ENTRY, CMD, ENV)).containsExactly("/entry", "$(X)", "serve");
    }

    @Test
    void commandOnlyDropsImageCmd() {
        assertThat(CommandResolver.resolve(c(List.of("sh", "$(X)"), List.of()), ENTRY, CMD, ENV)).containsExactly("sh", "x");
    }

    @Test
    void argsOnlyFollowImageEntrypoint() {
        assertThat(CommandResolver.resolve(c(List.of(), List.of("-v", "$(X)", "$$(X)")), ENTRY, CMD, ENV))
                .containsExactly("/entry", "$(X)", "-v", "x", "$(X)");
    }

    @Test
    void bothSet() {
        assertThat(CommandResolver.resolve(c(List.of("sh", "-c"), List.of("echo $(X) $(Y)")), ENTRY, CMD, ENV))
                .containsExactly("sh", "-c", "echo x $(Y)");
    }

    @Test
    void argsOnlyWithoutEntrypoint() {
        assertThat(CommandResolver.resolve(c(null, List.of("sleep", "1")), null, CMD, ENV)).containsExactly("sleep", "1");
    }

    @Test
    void nothingToRunIsInvalid() {
        assertThatThrownBy(() -> CommandResolver.resolve(c(List.of(), List.of()), List.of(), List.of(), ENV))
                .isInstanceOfSatisfying(MinipodException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("container \"app\"").contains("no command specified");
                });
    }
}
