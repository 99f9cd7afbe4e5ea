package dev.minipod.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code minipod import DIR NAME[:TAG]}: imports an OCI image layout through the daemon, or in this
 * process when no daemon answers (the image store is then reached by reflection).
 */
final class ImportCommand implements Verb {
    static final String IMPORT_CLASS = "dev.minipod.runtime.image.ImportCommand";
    static final String IMPORT_PATH = "/minipod/v1/images/import";

    private final Main root;
    String dir;
    String name;

    ImportCommand(Main root) { this.root = root; }

    @Override public String name() { return "import"; }
    @Override public String summary() { return "Import an OCI image layout directory as NAME[:TAG]."; }

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Options.command(name(), summary(), "minipod import DIR NAME[:TAG]");
        spec.addPositional(Options.positionals("DIR NAME[:TAG]"));
        return Options.addGlobals(spec);
    }

    @Override
    public void configure(ParseResult args) {
        List<String> p = Options.positionals(args);
        if (p.size() != 2) throw new UsageException("minipod import", "expected DIR and NAME[:TAG], got " + p.size() + " argument(s)");
        dir = p.get(0);
        name = p.get(1);
    }

    @Override
    public int run() throws Exception {
        Path path = Path.of(dir).toAbsolutePath().normalize();
        if (!Files.exists(path)) throw new CliException(3, "error: the path \"" + dir + "\" does not exist");
        ApiClient api = root.api();
        if (api.http().answers()) {
            ObjectNode body = Json.object();
            body.put("path", path.toString());
            body.put("name", name);
            JsonNode result = api.post(IMPORT_PATH, body);
            root.out.println("imported " + result.path("name").asText(withTag(name)) + " "
                    + result.path("digest").asText(""));
        } else {
            root.out.println("imported " + withTag(name) + " " + inProcess(path));
        }
        return 0;
    }

    private String inProcess(Path path) throws Exception {
        Method run;
        try {
            run = Class.forName(IMPORT_CLASS).getMethod("run", Path.class, Path.class, String.class);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            throw CliException.failure("no daemon answers on " + root.socket() + " and this build cannot import"
                    + " in-process (" + IMPORT_CLASS + ".run(Path, Path, String) is missing); start the daemon"
                    + " with `minipod daemon`");
        }
        try {
            return digestOf(run.invoke(null, Path.of(root.root), path, name));
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) throw (Exception) cause;
            throw e;
        }
    }

    /** The digest from whatever the image store returns: a String, or an object with {@code digest()}. */
    static String digestOf(Object result) {
        if (result == null) return "";
        if (result instanceof CharSequence) return result.toString();
        try {
            Method digest = result.getClass().getMethod("digest");
            digest.setAccessible(true);
            Object d = digest.invoke(result);
            return d == null ? "" : d.toString();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return result.toString();
        }
    }

    /** {@code NAME} gets the {@code :latest} tag; a registry port ({@code host:5000/x}) is not a tag. */
    static String withTag(String ref) {
        if (ref.contains("@")) return ref;
        int slash = ref.lastIndexOf('/');
        return ref.indexOf(':', slash + 1) >= 0 ? ref : ref + ":latest";
    }
}
