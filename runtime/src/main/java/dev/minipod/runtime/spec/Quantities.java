package dev.minipod.runtime.spec;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kubernetes resource quantity syntax ({@code [+-]number suffix}) parsed to an exact value. */
public final class Quantities {
    private Quantities() {}

    public static final String REGEX = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$";
    public static final String PARSE_ERROR = "quantities must match the regular expression '" + REGEX + "'";
    private static final Pattern SYNTAX = Pattern.compile(REGEX);
    private static final Pattern NUMBER = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)");
    private static final Pattern EXPONENT = Pattern.compile("[eE][-+]?[0-9]+");
    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("", BigDecimal.ONE),
            Map.entry("n", new BigDecimal("1e-9")), Map.entry("u", new BigDecimal("1e-6")),
            Map.entry("m", new BigDecimal("1e-3")), Map.entry("k", new BigDecimal("1e3")),
            Map.entry("M", new BigDecimal("1e6")), Map.entry("G", new BigDecimal("1e9")),
            Map.entry("T", new BigDecimal("1e12")), Map.entry("P", new BigDecimal("1e15")),
            Map.entry("E", new BigDecimal("1e18")),
            Map.entry("Ki", BigDecimal.valueOf(1024)), Map.entry("Mi", BigDecimal.valueOf(1024L << 10)),
            Map.entry("Gi", BigDecimal.valueOf(1024L << 20)), Map.entry("Ti", BigDecimal.valueOf(1024L << 30)),
            Map.entry("Pi", BigDecimal.valueOf(1024L << 40)), Map.entry("Ei", BigDecimal.valueOf(1024L << 50)));

    /** The exact value, or empty if the text is not a quantity. */
    public static Optional<BigDecimal> parse(String text) {
        if (text == null) return Optional.empty();
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) return Optional.empty();
        String num = m.group(1);
        String suffix = m.group(2);
        if (!NUMBER.matcher(num).matches()) return Optional.empty();
        BigDecimal value = new BigDecimal(num.endsWith(".") ? num + "0" : num.startsWith(".") || num.startsWith("+.")
                || num.startsWith("-.") ? num.replace(".", "0.") : num);
        BigDecimal factor = SUFFIXES.get(suffix);
        if (factor == null) {
            if (!EXPONENT.matcher(suffix).matches()) return Optional.empty();
            factor = BigDecimal.ONE.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1).replace("+", "")));
        }
        return Optional.of(value.multiply(factor));
    }

    private static final String[] DECIMAL = {"n", "u", "m", "", "k", "M", "G", "T", "P", "E"};
    private static final String[] BINARY = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

    /**
     * The canonical text Kubernetes prints for a quantity: same format family as the input
     * (binary, decimal SI, decimal exponent), no fraction, largest suffix; binary values that are
     * fractional or below 1024 print in decimal SI. Values are rounded up to nano precision.
     * Text that does not parse is returned unchanged.
     */
    public static String canonical(String text) {
        Optional<BigDecimal> parsed = parse(text);
        if (parsed.isEmpty()) return text;
        BigDecimal v = parsed.get();
        v = v.signum() < 0 ? v.setScale(9, java.math.RoundingMode.FLOOR) : v.setScale(9, java.math.RoundingMode.CEILING);
        if (v.signum() == 0) return "0";
        String suffix = SYNTAX.matcher(text).replaceAll("$2");
        boolean binary = suffix.endsWith("i");
        boolean exponent = suffix.startsWith("e") || suffix.startsWith("E");
        if (binary && v.stripTrailingZeros().scale() <= 0 && v.abs().compareTo(BigDecimal.valueOf(1024)) >= 0) {
            java.math.BigInteger n = v.toBigIntegerExact();
            java.math.BigInteger k1024 = java.math.BigInteger.valueOf(1024);
            int i = 0;
            while (i < BINARY.length - 1 && n.mod(k1024).signum() == 0) {
                n = n.divide(k1024);
                i++;
            }
            return n + BINARY[i];
        }
        // decimal: the largest power of 1000 (from 10^-9) that leaves an integer mantissa
        int exp = -9;
        BigDecimal mantissa = v.scaleByPowerOfTen(9);
        while (exp < 18) {
            BigDecimal next = mantissa.movePointLeft(3);
            if (next.stripTrailingZeros().scale() > 0) break;
            mantissa = next;
            exp += 3;
        }
        String digits = mantissa.stripTrailingZeros().toPlainString();
        if (exponent) return exp == 0 ? digits : digits + "e" + exp;
        return digits + DECIMAL[exp / 3 + 3];
    }
}
