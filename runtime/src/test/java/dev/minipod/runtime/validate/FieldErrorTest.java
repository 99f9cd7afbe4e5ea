package dev.minipod.runtime.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FieldErrorTest {

    @Test
    void formatsLikeApimachinery() {
        assertThat(FieldError.duplicate("spec.containers[1].name", "web")).hasToString("spec.containers[1].name: Duplicate value: \"web\"");
        assertThat(FieldError.required("spec.containers[0].image", "")).hasToString("spec.containers[0].image: Required value");
        assertThat(FieldError.forbidden("spec.x", "nope")).hasToString("spec.x: Forbidden: nope");
        assertThat(FieldError.tooLong("metadata.annotations", 262144))
                .hasToString("metadata.annotations: Too long: may not be more than 262144 bytes");
        assertThat(FieldError.invalid("a", 2, "must be 1")).hasToString("a: Invalid value: 2: must be 1");
        assertThat(FieldError.invalid("a", true, "")).hasToString("a: Invalid value: true");
        assertThat(FieldError.notFound("a", "x")).hasToString("a: Not found: \"x\"");
        assertThat(FieldError.tooMany("a", 4, 3)).hasToString("a: Too many: 4: must have at most 3 items");
        assertThat(FieldError.unsupported("a", "b", List.of("c", "d"))).hasToString("a: Unsupported value: \"b\": supported values: \"c\", \"d\"");
    }

    @Test
    void goQuoting() {
        assertThat(GoQuote.quote("a\"b\\c\nd\te\u0001é")).isEqualTo("\"a\\\"b\\\\c\\nd\\te\\x01é\"");
    }
}
