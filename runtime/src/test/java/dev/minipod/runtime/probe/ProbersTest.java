package dev.minipod.runtime.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ProbeBuilder;

class ProbersTest {
    private final Container c = new ContainerBuilder().withName("web")
            .addNewPort().withName("http").withContainerPort(8080).endPort()
            .addNewEnv().withName("FILE").withValue("/tmp/ok").endEnv()
            .addNewEnv().withName("SECRET").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name").endFieldRef().endValueFrom().endEnv()
            .build();

    @Test
    void portsByNumberNameOrNumericString() {
        assertThat(Probers.port(new IntOrString(81), c)).isEqualTo(81);
        assertThat(Probers.port(new IntOrString("http"), c)).isEqualTo(8080);
        assertThat(Probers.port(new IntOrString("9090"), c)).isEqualTo(9090);
        assertThatThrownBy(() -> Probers.port(new IntOrString("nope"), c)).hasMessage("couldn't find port: nope in container \"web\"");
        assertThatThrownBy(() -> Probers.port(new IntOrString(70000), c)).hasMessage("invalid port number: 70000");
    }

    @Test
    void execCommandExpandsStaticEnvOnly() {
        assertThat(Probers.expand(List.of("cat", "$(FILE)", "$(SECRET)", "$(UNSET)", "$$(FILE)"), c))
                .containsExactly("cat", "/tmp/ok", "", "$(UNSET)", "$(FILE)");
    }

    @Test
    void unsupportedHandlersAreUnknown() {
        Probers.Context ctx = new Probers.Context(new NetnsDialer(null), null, null, null, null, null);
        assertThat(Probers.of(new ProbeBuilder().withNewGrpc().withPort(9000).endGrpc().build(), c, ctx).run(Duration.ofSeconds(1)))
                .isEqualTo(ProbeResult.unknown("gRPC probes are not supported yet"));
        assertThat(Probers.of(new ProbeBuilder().withNewHttpGet().withPort(new IntOrString("zzz")).endHttpGet().build(), c, ctx)
                .run(Duration.ofSeconds(1)).outcome()).isEqualTo(ProbeResult.Outcome.UNKNOWN);
        assertThat(Probers.of(new ProbeBuilder().withNewHttpGet().withPort(new IntOrString(1)).withScheme("HTTPS").endHttpGet().build(), c, ctx))
                .isInstanceOf(HttpProbe.class);
    }
}
