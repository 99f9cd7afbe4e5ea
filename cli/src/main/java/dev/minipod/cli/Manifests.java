package dev.minipod.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonParser;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code -f FILE} (or {@code -} for stdin): JSON or multi-document YAML, {@code kind: List} expanded. */
public final class Manifests {
    /** One object and the file it came from (for kubectl's {@code error when creating "f.yaml"}). */
    public record Doc(String source, JsonNode object) {}

    private Manifests() {}

    public static List<Doc> read(String file, InputStream stdin) throws IOException {
        byte[] bytes;
        String source;
        if (file.equals("-")) {
            bytes = stdin.readAllBytes();
            source = "STDIN";
        } else {
            Path p = Path.of(file);
            if (!Files.exists(p)) throw new CliException(3, "error: the path \"" + file + "\" does not exist");
            if (Files.isDirectory(p)) return readDirectory(p);
            bytes = Files.readAllBytes(p);
            source = file;
        }
        List<Doc> docs = new ArrayList<>();
        for (JsonNode n : parse(bytes, source)) expand(n, source, docs);
        return docs;
    }

    /** Like kubectl: every {@code .yaml}, {@code .yml} and {@code .json} file of the directory, by name. */
    private static List<Doc> readDirectory(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (java.nio.file.DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path f : ds) {
                String n = f.getFileName().toString();
                if (Files.isRegularFile(f) && (n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json"))) files.add(f);
            }
        }
        java.util.Collections.sort(files);
        List<Doc> docs = new ArrayList<>();
        for (Path f : files) {
            for (JsonNode n : parse(Files.readAllBytes(f), f.toString())) expand(n, f.toString(), docs);
        }
        return docs;
    }

    static List<JsonNode> parse(byte[] bytes, String source) {
        List<JsonNode> out = new ArrayList<>();
        try {
            List<JsonNode> roots;
            if (looksLikeJson(bytes)) {
                try (JsonParser p = new com.fasterxml.jackson.core.JsonFactory().createParser(bytes)) {
                    roots = Json.readAll(p);
                }
            } else {
                roots = Yaml.readAll(bytes);
            }
            for (JsonNode n : roots) {
                if (n.isNull() || (n.isContainerNode() && n.size() == 0)
                        || (n.isTextual() && n.textValue().isBlank())) continue; // empty documents
                if (!n.isObject()) {
                    throw CliException.usage("error parsing " + source + ": expected an object, got "
                            + n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
                }
                out.add(n);
            }
        } catch (IOException e) {
            throw CliException.usage("error parsing " + source + ": " + firstLine(e.getMessage()));
        }
        return out;
    }

    private static void expand(JsonNode n, String source, List<Doc> docs) {
        if (n.path("kind").asText("").equals("List") && n.has("items")) {
            for (JsonNode item : n.path("items")) expand(item, source, docs);
        } else {
            docs.add(new Doc(source, n));
        }
    }

    private static boolean looksLikeJson(byte[] bytes) {
        for (byte b : bytes) {
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n') continue;
            return b == '{' || b == '[';
        }
        return false;
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
