package dev.minipod.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.util.List;

/**
 * {@code minipod create configmap|cm NAME} and {@code minipod create secret generic NAME}, with kubectl's
 * {@code --from-file}, {@code --from-literal} and {@code --from-env-file} ({@link DataSources}).
 */
final class CreateCommand implements Verb {
    private final Main root;
    ObjectTypes.Type type;
    String objectName;
    String secretType;
    List<String> files = List.of();
    List<String> literals = List.of();
    List<String> envFiles = List.of();
    boolean dryRun;
    String output = "";

    CreateCommand(Main root) { this.root = root; }

    @Override public String name() { return "create"; }
    @Override public String summary() { return "Create a ConfigMap or a generic Secret from files, literals or env files."; }

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Options.command(name(), summary(),
                "minipod create configmap|cm NAME [--from-file=[key=]source] [--from-literal=key=value] [--from-env-file=path]%n"
                + "  minipod create secret generic NAME [--type=string] [--from-file=[key=]source] [--from-literal=key=value] [--from-env-file=path]");
        spec.addOption(Options.value("from-file", Options.NONE, "[KEY=]PATH", "A file (key = its name) or a directory; repeatable"));
        spec.addOption(Options.value("from-literal", Options.NONE, "KEY=VALUE", "A key and its value; repeatable"));
        spec.addOption(Options.value("from-env-file", Options.NONE, "PATH", "KEY=VALUE lines (Docker's .env format); repeatable"));
        spec.addOption(Options.value("type", Options.NONE, "TYPE", "The Secret's type (default Opaque)"));
        spec.addOption(Options.value("dry-run", Options.NONE, "none|client", "client: only print the object, create nothing"));
        spec.addOption(Options.value("output", 'o', "FORMAT", "json, yaml or name: print the object so"));
        spec.addPositional(Options.positionals("configmap NAME | secret generic NAME"));
        return Options.addGlobals(spec);
    }

    @Override
    public void configure(ParseResult args) {
        List<String> p = Options.positionals(args);
        if (p.isEmpty()) throw CliException.usage("Required resource not specified.");
        List<String> rest;
        if (p.get(0).equals("configmap") || p.get(0).equals("cm")) {
            type = ObjectTypes.CONFIG_MAPS;
            rest = p.subList(1, p.size());
        } else if (p.get(0).equals("secret")) {
            if (p.size() < 2 || !p.get(1).equals("generic")) {
                throw CliException.usage("minipod creates generic secrets only: minipod create secret generic NAME");
            }
            type = ObjectTypes.SECRETS;
            rest = p.subList(2, p.size());
        } else {
            throw CliException.usage("unknown command \"" + p.get(0) + "\" for \"minipod create\": configmap or secret generic");
        }
        if (rest.size() != 1) throw CliException.usage("exactly one NAME is required, got " + rest.size());
        objectName = rest.get(0);
        files = Options.values(args, "from-file");
        literals = Options.values(args, "from-literal");
        envFiles = Options.values(args, "from-env-file");
        secretType = Options.value(args, "type", null);
        if (type == ObjectTypes.CONFIG_MAPS && secretType != null) throw CliException.usage("unknown flag: --type");
        String dry = Options.value(args, "dry-run", "none");
        if (!dry.equals("none") && !dry.equals("client")) {
            throw CliException.usage("Invalid dry-run value (" + dry + "). Must be \"none\" or \"client\".");
        }
        dryRun = dry.equals("client");
        output = Options.value(args, "output", "");
        if (!List.of("", "json", "yaml", "name").contains(output)) {
            throw CliException.usage("unable to match a printer suitable for the output format \"" + output
                    + "\", allowed formats are: json,name,yaml");
        }
    }

    @Override
    public int run() throws IOException {
        DataSources data = new DataSources(type.kind, objectName, System.getenv()).add(files, literals, envFiles);
        com.fasterxml.jackson.databind.JsonNode object = data.object(type == ObjectTypes.SECRETS ? secretType : null);
        if (!dryRun) object = send(object);
        switch (output) {
            case "json": root.out.print(Json.pretty(object)); break;
            case "yaml": root.out.print(Yaml.pretty(object)); break;
            default: root.out.println(type.singular + "/" + objectName + (output.equals("name") ? "" : dryRun ? " created (dry run)" : " created"));
        }
        return 0;
    }

    /** Creates the object; returns it as the daemon stored it. */
    private com.fasterxml.jackson.databind.JsonNode send(com.fasterxml.jackson.databind.JsonNode object) throws IOException {
        ApiClient api = root.api();
        DaemonStarter.ensureRunning(root, api.http(), root.err);
        try {
            return api.post(type.collection(root.namespace()), object);
        } catch (ApiException e) {
            // kubectl wraps the server's error: "error: failed to create configmap: configmaps "x" already exists"
            throw new CliException(e.code() == 409 ? 3 : e.code() == 422 ? 2 : 1, "error: failed to create " + type.singular
                    + (type == ObjectTypes.SECRETS ? " " : ": ") + e.getMessage());
        }
    }
}
