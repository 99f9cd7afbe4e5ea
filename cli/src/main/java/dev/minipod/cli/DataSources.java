package dev.minipod.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * kubectl's {@code create configmap|secret generic} data: {@code --from-file=[key=]path} (a directory adds each
 * regular file, key = basename), {@code --from-literal=key=value}, {@code --from-env-file=path}, in that order,
 * each key valid ({@code [-._a-zA-Z0-9]+}) and given once. ConfigMap values that are not UTF-8 go to binaryData.
 */
final class DataSources {
    private static final Pattern KEY = Pattern.compile("[-._a-zA-Z0-9]+");
    private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");

    private final String kind;
    private final String name;
    private final Map<String, String> env;
    final Map<String, String> data = new LinkedHashMap<>();
    final Map<String, byte[]> binary = new LinkedHashMap<>();

    /** env: the environment an env-file line without '=' takes its value from. */
    DataSources(String kind, String name, Map<String, String> env) {
        this.kind = kind;
        this.name = name;
        this.env = env;
    }

    DataSources add(List<String> files, List<String> literals, List<String> envFiles) throws IOException {
        for (String f : files) fromFile(f);
        for (String l : literals) fromLiteral(l);
        for (String e : envFiles) fromEnvFile(e);
        return this;
    }

    /** IsConfigMapKey's messages. */
    static List<String> keyErrors(String key) {
        List<String> errs = new ArrayList<>();
        if (key.length() > 253) errs.add("must be no more than 253 characters");
        if (!KEY.matcher(key).matches()) {
            errs.add("a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or"
                    + " 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')");
        }
        if (key.equals(".")) errs.add("must not be '.'");
        else if (key.equals("..")) errs.add("must not be '..'");
        else if (key.startsWith("..")) errs.add("must not start with '..'");
        return errs;
    }

    private void put(String key, byte[] value, boolean text) {
        List<String> errs = keyErrors(key);
        boolean secret = kind.equals("Secret");
        if (!errs.isEmpty()) {
            throw CliException.failure("\"" + key + "\" is not a valid key name for a " + kind + ": "
                    + String.join(secret ? ";" : ",", errs));
        }
        if (secret && data.containsKey(key)) {
            throw CliException.failure("cannot add key " + key + ", another key by that name already exists");
        }
        if (data.containsKey(key) || binary.containsKey(key)) {
            throw CliException.failure("cannot add key \"" + key + "\", another key by that name already exists in "
                    + (data.containsKey(key) ? "Data" : "BinaryData") + " for ConfigMap \"" + name + "\"");
        }
        if (secret || text) data.put(key, secret ? Base64.getEncoder().encodeToString(value) : new String(value, StandardCharsets.UTF_8));
        else binary.put(key, value);
    }

    void fromLiteral(String source) {
        int eq = source.indexOf('=');
        if (eq <= 0) throw CliException.failure("invalid literal source " + source + ", expected key=value");
        put(source.substring(0, eq), source.substring(eq + 1).getBytes(StandardCharsets.UTF_8), true);
    }

    void fromFile(String source) throws IOException {
        int separators = source.length() - source.replace("=", "").length();
        String key;
        String path;
        if (separators == 0) {
            path = source;
            key = Path.of(source).getFileName() == null ? source : Path.of(source).getFileName().toString();
        } else if (separators == 1 && source.startsWith("=")) {
            throw CliException.failure("key name for file path " + source.substring(1) + " missing");
        } else if (separators == 1 && source.endsWith("=")) {
            throw CliException.failure("file path for key name " + source.substring(0, source.length() - 1) + " missing");
        } else if (separators > 1) {
            throw CliException.failure("key names or file paths cannot contain '='");
        } else {
            key = source.substring(0, source.indexOf('='));
            path = source.substring(source.indexOf('=') + 1);
        }
        Path p = Path.of(path);
        if (!Files.exists(p)) throw CliException.failure("error reading " + path + ": no such file or directory");
        if (Files.isDirectory(p)) {
            if (separators > 0) throw CliException.failure("cannot give a key name for a directory path");
            List<Path> entries = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
                for (Path e : ds) entries.add(e);
            }
            java.util.Collections.sort(entries);
            for (Path e : entries) {
                if (Files.isRegularFile(e, LinkOption.NOFOLLOW_LINKS)) addFile(e.getFileName().toString(), e);
            }
        } else {
            addFile(key, p);
        }
    }

    private void addFile(String key, Path p) throws IOException {
        byte[] bytes = Files.readAllBytes(p);
        put(key, bytes, utf8(bytes));
    }

    private static boolean utf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Docker's env-file format as kubectl reads it: KEY=VALUE lines, # comments, KEY alone takes the environment's value. */
    void fromEnvFile(String source) throws IOException {
        Path p = Path.of(source);
        if (Files.isDirectory(p)) throw CliException.failure("env config file cannot be a directory");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            throw CliException.failure("error reading " + source + ": no such file or directory");
        }
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (i == 0 && line.startsWith("\uFEFF")) line = line.substring(1);
            if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
            line = line.stripLeading();
            if (line.isEmpty() || line.startsWith("#")) continue;
            int eq = line.indexOf('=');
            String key = eq < 0 ? line : line.substring(0, eq);
            if (!ENV_NAME.matcher(key).matches()) {
                throw CliException.failure("\"" + key + "\" is not a valid key name: a valid environment variable name must consist of"
                        + " alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name', "
                        + " or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')");
            }
            String value = eq < 0 ? env.getOrDefault(key, "") : line.substring(eq + 1);
            put(key, value.getBytes(StandardCharsets.UTF_8), true);
        }
    }

    /** The object to POST. */
    ObjectNode object(String type) {
        ObjectNode o = Json.object();
        o.put("apiVersion", "v1");
        o.put("kind", kind);
        o.putObject("metadata").put("name", name);
        if (type != null) o.put("type", type);
        ObjectNode d = o.putObject("data");
        for (Map.Entry<String, String> e : data.entrySet()) d.put(e.getKey(), e.getValue());
        if (!binary.isEmpty()) {
            ObjectNode b = o.putObject("binaryData");
            for (Map.Entry<String, byte[]> e : binary.entrySet()) b.put(e.getKey(), Base64.getEncoder().encodeToString(e.getValue()));
        }
        return o;
    }
}
