package dev.minipod.runtime.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Name rules of the Kubernetes API (DNS-1123 label/subdomain, qualified names, label values,
 * IANA service names). Each method returns the list of messages for an invalid value; empty
 * when valid.
 */
public final class Names {
    private Names() {}

    static final String LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    static final String SUBDOMAIN_FMT = LABEL_FMT + "(\\." + LABEL_FMT + ")*";
    private static final Pattern LABEL = Pattern.compile(LABEL_FMT);
    private static final Pattern SUBDOMAIN = Pattern.compile(SUBDOMAIN_FMT);
    static final String LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "
            + "and must start and end with an alphanumeric character";
    static final String SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
            + "'-' or '.', and must start and end with an alphanumeric character";

    static final String QNAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final Pattern QNAME = Pattern.compile(QNAME_FMT);
    static final String QNAME_MSG = "must consist of alphanumeric characters, '-', '_' or '.', "
            + "and must start and end with an alphanumeric character";
    static final String LABEL_VALUE_FMT = "(" + QNAME_FMT + ")?";
    private static final Pattern LABEL_VALUE = Pattern.compile(LABEL_VALUE_FMT);
    static final String LABEL_VALUE_MSG = "a valid label must be an empty string or consist of alphanumeric characters, "
            + "'-', '_' or '.', and must start and end with an alphanumeric character";

    private static final Pattern PORT_NAME_CHARS = Pattern.compile("[-a-z0-9]+");
    private static final Pattern HAS_LETTER = Pattern.compile(".*[a-z].*");

    /** "msg (e.g. 'a',  or 'b', regex used for validation is 'fmt')" as apimachinery prints it. */
    static String regexError(String msg, String fmt, String... examples) {
        StringBuilder s = new StringBuilder(msg);
        if (examples.length > 0) {
            s.append(" (e.g. ");
            for (int i = 0; i < examples.length; i++) {
                if (i > 0) s.append(" or ");
                s.append('\'').append(examples[i]).append("', ");
            }
            s.append("regex used for validation is '").append(fmt).append("')");
        } else {
            s.append(" (regex used for validation is '").append(fmt).append("')");
        }
        return s.toString();
    }

    static String maxLen(int n) { return "must be no more than " + n + " characters"; }

    public static List<String> dns1123Label(String v) {
        List<String> errs = new ArrayList<>();
        if (v.length() > 63) errs.add(maxLen(63));
        if (!LABEL.matcher(v).matches()) {
            if (SUBDOMAIN.matcher(v).matches()) errs.add("must not contain dots");
            else errs.add(regexError(LABEL_MSG, LABEL_FMT, "my-name", "123-abc"));
        }
        return errs;
    }

    public static List<String> dns1123Subdomain(String v) {
        List<String> errs = new ArrayList<>();
        if (v.length() > 253) errs.add(maxLen(253));
        if (!SUBDOMAIN.matcher(v).matches()) errs.add(regexError(SUBDOMAIN_MSG, SUBDOMAIN_FMT, "example.com"));
        return errs;
    }

    /** Label and annotation keys: optional DNS subdomain prefix and '/', then a name part. */
    public static List<String> qualifiedName(String v) {
        List<String> errs = new ArrayList<>();
        String[] parts = v.split("/", -1);
        String name;
        if (parts.length == 1) {
            name = parts[0];
        } else if (parts.length == 2) {
            String prefix = parts[0];
            name = parts[1];
            if (prefix.isEmpty()) errs.add("prefix part must be non-empty");
            else for (String m : dns1123Subdomain(prefix)) errs.add("prefix part " + m);
        } else {
            errs.add("a qualified name " + regexError(QNAME_MSG, QNAME_FMT, "MyName", "my.name", "123-abc")
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
            return errs;
        }
        if (name.isEmpty()) errs.add("name part must be non-empty");
        else if (name.length() > 63) errs.add("name part " + maxLen(63));
        if (!name.isEmpty() && !QNAME.matcher(name).matches()) {
            errs.add("name part " + regexError(QNAME_MSG, QNAME_FMT, "MyName", "my.name", "123-abc"));
        }
        return errs;
    }

    public static List<String> labelValue(String v) {
        List<String> errs = new ArrayList<>();
        if (v.length() > 63) errs.add(maxLen(63));
        if (!LABEL_VALUE.matcher(v).matches()) {
            errs.add(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
        }
        return errs;
    }

    /** IANA_SVC_NAME rules used for container port names. */
    public static List<String> portName(String v) {
        List<String> errs = new ArrayList<>();
        if (v.length() > 15) errs.add(maxLen(15));
        if (!PORT_NAME_CHARS.matcher(v).matches()) {
            errs.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }
        if (!HAS_LETTER.matcher(v).matches()) errs.add("must contain at least one letter (a-z)");
        if (v.contains("--")) errs.add("must not contain consecutive hyphens");
        if (!v.isEmpty() && (v.startsWith("-") || v.endsWith("-"))) errs.add("must not begin or end with a hyphen");
        return errs;
    }

    /** RelaxedEnvironmentVariableValidation (GA 1.34): any printable ASCII except '='. */
    public static List<String> envVarName(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 32 || c > 126 || c == '=') {
                return List.of("a valid environment variable name must consist only of printable ASCII characters other than '='");
            }
        }
        return List.of();
    }

    static final String CONFIG_KEY_FMT = "[-._a-zA-Z0-9]+";
    private static final Pattern CONFIG_KEY = Pattern.compile(CONFIG_KEY_FMT);

    /** IsConfigMapKey: ConfigMap and Secret data keys (also file names in volumes, hence the '.'/'..' rules). */
    public static List<String> configMapKey(String v) {
        List<String> errs = new ArrayList<>();
        if (v.length() > 253) errs.add(maxLen(253));
        if (!CONFIG_KEY.matcher(v).matches()) {
            errs.add(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
                    CONFIG_KEY_FMT, "key.name", "KEY_NAME", "key-name"));
        }
        if (v.equals(".")) errs.add("must not be '.'");
        else if (v.equals("..")) errs.add("must not be '..'");
        else if (v.startsWith("..")) errs.add("must not start with '..'");
        return errs;
    }
}
