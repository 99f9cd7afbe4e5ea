package dev.minipod.runtime.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class QuantitiesTest {

    @Test
    void parses() {
        assertThat(Quantities.parse("500m")).contains(new BigDecimal("0.500"));
        assertThat(Quantities.parse("1Gi").get()).isEqualByComparingTo("1073741824");
        assertThat(Quantities.parse("1e3").get()).isEqualByComparingTo("1000");
        assertThat(Quantities.parse(".5").get()).isEqualByComparingTo("0.5");
        assertThat(Quantities.parse("1.").get()).isEqualByComparingTo("1");
        assertThat(Quantities.parse("-1k").get()).isEqualByComparingTo("-1000");
        assertThat(Quantities.parse("1x5")).isEmpty();
        assertThat(Quantities.parse("1..2")).isEmpty();
        assertThat(Quantities.parse("1Gb")).isEmpty();
        assertThat(Quantities.parse("")).isEmpty();
    }

    @Test
    void canonicalForm() {
        assertThat(Quantities.canonical("1.5")).isEqualTo("1500m");
        assertThat(Quantities.canonical("0.5")).isEqualTo("500m");
        assertThat(Quantities.canonical("1000m")).isEqualTo("1");
        assertThat(Quantities.canonical("1.5Gi")).isEqualTo("1536Mi");
        assertThat(Quantities.canonical("1024Mi")).isEqualTo("1Gi");
        assertThat(Quantities.canonical("1e3")).isEqualTo("1e3");
        assertThat(Quantities.canonical("0.5Ki")).isEqualTo("512");
        assertThat(Quantities.canonical("2")).isEqualTo("2");
        assertThat(Quantities.canonical("128974848")).isEqualTo("128974848");
        assertThat(Quantities.canonical("129e6")).isEqualTo("129e6");
        assertThat(Quantities.canonical("0")).isEqualTo("0");
    }
}
