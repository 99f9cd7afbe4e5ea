package dev.minipod.runtime.validate;

import dev.minipod.runtime.MinipodException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A pod the API would refuse with 422 Invalid: {@code Pod "NAME" is invalid: <e>} for one error,
 * {@code Pod "NAME" is invalid: [<e1>, <e2>]} for several. Carries the field errors so the API can
 * return them as Status details.causes (field, reason, message).
 */
public class InvalidPodException extends MinipodException {
    private final String podName;
    private final transient List<FieldError> errors;

    public InvalidPodException(String podName, List<FieldError> errors) {
        this("Pod", podName, errors);
    }

    /** The same error for another kind of object (ConfigMap, Secret, PersistentVolumeClaim...). */
    public InvalidPodException(String kind, String name, List<FieldError> errors) {
        super("Invalid", 2, message(kind, name, errors));
        this.podName = name;
        this.errors = List.copyOf(errors);
    }

    public String podName() { return podName; }

    public List<FieldError> errors() { return errors; }

    /** {@code KIND "NAME" is invalid: ...} as apimachinery's NewInvalid prints it. */
    public static String message(String kind, String name, List<FieldError> errors) {
        String body = errors.size() == 1 ? errors.get(0).toString()
                : errors.stream().map(FieldError::toString).collect(Collectors.joining(", ", "[", "]"));
        return kind + " " + GoQuote.quote(name) + " is invalid: " + body;
    }
}
