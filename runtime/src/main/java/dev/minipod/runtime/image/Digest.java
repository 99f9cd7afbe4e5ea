package dev.minipod.runtime.image;

import dev.minipod.runtime.MinipodException;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A content digest {@code sha256:<64 hex>}; the only algorithm minipod accepts. */
public record Digest(String hex) {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public Digest {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw MinipodException.invalid("digest hex `" + hex + "` is not 64 lowercase hex digits");
        }
    }

    /** Parses {@code sha256:<hex>}; anything else (other algorithms, bad hex) is invalid. */
    public static Digest parse(String value) {
        if (value == null || !value.startsWith("sha256:")) {
            throw MinipodException.invalid("digest `" + value + "` is not supported: only sha256:<hex> is");
        }
        String hex = value.substring("sha256:".length());
        if (!HEX.matcher(hex).matches()) {
            throw MinipodException.invalid("digest `" + value + "` is malformed: expected sha256: and 64 lowercase hex digits");
        }
        return new Digest(hex);
    }

    public static boolean isDigest(String value) {
        return value != null && value.startsWith("sha256:") && HEX.matcher(value.substring(7)).matches();
    }

    public static Digest of(byte[] data) {
        return new Digest(HexFormat.of().formatHex(sha256().digest(data)));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "sha256:" + hex;
    }
}
