package dev.minipod.runtime.validate;

/**
 * One field error, printed exactly like apimachinery's field.Error:
 * {@code <path>: <Type>[: <value>][: <detail>]}.
 * Required, Forbidden and Too long never show the value; strings are Go-quoted, numbers and
 * booleans bare.
 */
public record FieldError(String path, Type type, Object value, String detail) {

    /** Error types with their printed text and the Status cause reason the API reports. */
    public enum Type {
        REQUIRED("Required value", "FieldValueRequired", false),
        INVALID("Invalid value", "FieldValueInvalid", true),
        DUPLICATE("Duplicate value", "FieldValueDuplicate", true),
        UNSUPPORTED("Unsupported value", "FieldValueNotSupported", true),
        NOT_FOUND("Not found", "FieldValueNotFound", true),
        FORBIDDEN("Forbidden", "FieldValueForbidden", false),
        TOO_LONG("Too long", "FieldValueTooLong", false),
        TOO_MANY("Too many", "FieldValueTooMany", true);

        private final String text;
        private final String reason;
        private final boolean showsValue;

        Type(String text, String reason, boolean showsValue) {
            this.text = text;
            this.reason = reason;
            this.showsValue = showsValue;
        }

        public String text() { return text; }

        /** CamelCase reason used in Status details.causes. */
        public String reason() { return reason; }
    }

    public FieldError {
        detail = detail == null ? "" : detail;
    }

    public static FieldError required(String path, String detail) { return new FieldError(path, Type.REQUIRED, null, detail); }

    public static FieldError invalid(String path, Object value, String detail) { return new FieldError(path, Type.INVALID, value, detail); }

    public static FieldError duplicate(String path, Object value) { return new FieldError(path, Type.DUPLICATE, value, ""); }

    public static FieldError notFound(String path, Object value) { return new FieldError(path, Type.NOT_FOUND, value, ""); }

    public static FieldError forbidden(String path, String detail) { return new FieldError(path, Type.FORBIDDEN, null, detail); }

    public static FieldError tooLong(String path, int max) {
        return new FieldError(path, Type.TOO_LONG, null, "may not be more than " + max + " bytes");
    }

    public static FieldError tooMany(String path, int actual, int max) {
        return new FieldError(path, Type.TOO_MANY, actual, "must have at most " + max + " items");
    }

    /** {@code supported values: "A", "B"} in the order given. */
    public static FieldError unsupported(String path, Object value, java.util.List<String> supported) {
        StringBuilder d = new StringBuilder();
        if (!supported.isEmpty()) {
            d.append("supported values: ");
            for (int i = 0; i < supported.size(); i++) {
                if (i > 0) d.append(", ");
                d.append(GoQuote.quote(supported.get(i)));
            }
        }
        return new FieldError(path, Type.UNSUPPORTED, value, d.toString());
    }

    /** The part after {@code path: }, as used for a Status cause message. */
    public String body() {
        StringBuilder s = new StringBuilder(type.text());
        if (type.showsValue) s.append(": ").append(formatValue(value));
        if (!detail.isEmpty()) s.append(": ").append(detail);
        return s.toString();
    }

    @Override
    public String toString() { return path + ": " + body(); }

    static String formatValue(Object value) {
        if (value == null) return "null";
        if (value instanceof String str) return GoQuote.quote(str);
        if (value instanceof Number || value instanceof Boolean) return value.toString();
        return value.toString();
    }
}
