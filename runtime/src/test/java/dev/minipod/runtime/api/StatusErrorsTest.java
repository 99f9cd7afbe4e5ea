package dev.minipod.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.minipod.runtime.MinipodException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusErrorsTest {
    @Test
    void httpCodePerReason() {
        assertThat(StatusErrors.httpCode("Invalid")).isEqualTo(422);
        assertThat(StatusErrors.httpCode("BadRequest")).isEqualTo(400);
        assertThat(StatusErrors.httpCode("NotFound")).isEqualTo(404);
        assertThat(StatusErrors.httpCode("AlreadyExists")).isEqualTo(409);
        assertThat(StatusErrors.httpCode("Conflict")).isEqualTo(409);
        assertThat(StatusErrors.httpCode("MethodNotAllowed")).isEqualTo(405);
        assertThat(StatusErrors.httpCode("InternalError")).isEqualTo(500);
        assertThat(StatusErrors.httpCode("SomethingElse")).isEqualTo(500);
    }

    @Test
    void notFoundStatusShapeWithoutDetails() {
        Map<String, Object> s = StatusErrors.status(MinipodException.notFound("pods \"x\" not found"), null);
        assertThat(s).containsExactly(
                entry("kind", "Status"),
                entry("apiVersion", "v1"),
                entry("metadata", Map.of()),
                entry("status", "Failure"),
                entry("message", "pods \"x\" not found"),
                entry("reason", "NotFound"),
                entry("code", 404));
    }

    @Test
    void emptyCausesGiveNoDetails() {
        Map<String, Object> s = StatusErrors.status(MinipodException.conflict("pods \"x\" already exists"), List.of());
        assertThat(s).doesNotContainKey("details");
        assertThat(s).contains(entry("reason", "AlreadyExists"), entry("code", 409));
    }

    @Test
    void invalidWithCausesCarriesThemUnderDetails() {
        List<Map<String, String>> causes = List.of(
                Map.of("reason", "FieldValueRequired", "message", "Required value", "field", "spec.containers[0].image"));
        MinipodException e = MinipodException.invalid("Pod \"x\" is invalid: spec.containers[0].image: Required value");
        Map<String, Object> s = StatusErrors.status(e, causes);
        assertThat(s).containsExactly(
                entry("kind", "Status"),
                entry("apiVersion", "v1"),
                entry("metadata", Map.of()),
                entry("status", "Failure"),
                entry("message", "Pod \"x\" is invalid: spec.containers[0].image: Required value"),
                entry("reason", "Invalid"),
                entry("details", Map.of("causes", causes)),
                entry("code", 422));
    }

    @Test
    void badRequest() {
        Map<String, Object> s = StatusErrors.status(new MinipodException("BadRequest", 2, "strict decoding error"), null);
        assertThat(s).contains(entry("reason", "BadRequest"), entry("code", 400), entry("message", "strict decoding error"));
    }

    @Test
    void unknownReasonsBecomeInternalError500KeepingTheMessage() {
        Map<String, Object> s = StatusErrors.status(MinipodException.failure("MountFailed", "mount overlay: EINVAL"), null);
        assertThat(s).contains(entry("reason", "InternalError"), entry("code", 500),
                entry("message", "mount overlay: EINVAL"), entry("status", "Failure"), entry("kind", "Status"));
    }
}
