package dev.pledge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pledge.api.Kratix;
import dev.pledge.validation.PromiseFile;
import dev.pledge.validation.PromiseValidator;
import dev.pledge.yaml.Yaml;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code validate FILE|DIR...}: checks every Promise in the files offline and prints one line per Promise,
 * {@code OK <file>: <name>} or {@code FAIL <file>: <name>: <reason>}, and {@code FAIL <file>: <reason>} for a file
 * that cannot be read or (named on the command line) holds no Promise. Other documents in a file (a walkthrough's
 * Secret or Destination) and files without a Promise in a directory are skipped with a note on stderr. Exit status 1
 * when anything failed.
 */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = BuildInfo.class,
        synopsisHeading = "usage: ",
        description = {"Check Promise files offline, as the operator would before installing them.",
                "Prints OK <file>: <promise> or FAIL <file>: <promise>: <reason> per Promise; exit 1 if any failed."})
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE|DIR", arity = "1..*",
            description = "YAML files (one or more documents each), or directories of them")
    List<Path> arguments;

    private PrintWriter out;
    private PrintWriter err;

    @Override
    public Integer call() {
        out = spec.commandLine().getOut();
        err = spec.commandLine().getErr();
        boolean failed = false;
        for (Path argument : arguments) {
            InputFiles inputs;
            try {
                inputs = InputFiles.of(argument);
            } catch (InputFiles.Unreadable e) {
                out.println("FAIL " + argument + ": cannot read: " + e.getMessage());
                failed = true;
                continue;
            }
            for (Path file : inputs.files()) {
                failed |= !validateFile(file, inputs.fromDirectory());
            }
        }
        out.flush();
        err.flush();
        return failed ? 1 : 0;
    }

    /** Returns whether the file passed. */
    private boolean validateFile(Path file, boolean fromDirectory) {
        List<JsonNode> documents;
        try {
            documents = Yaml.documents(file);
        } catch (Yaml.YamlException e) {
            out.println("FAIL " + file + ": " + e.getMessage());
            return false;
        }
        List<JsonNode> promises = documents.stream().filter(ValidateCommand::isPromise).toList();
        if (promises.isEmpty()) {
            if (fromDirectory) {
                err.println("validate: note: " + file + ": skipped, no " + Kratix.API_VERSION + " Promise in it");
                return true;
            }
            String reason = documents.size() == 1 ? PromiseFile.decode(documents.get(0)).problem()
                    : "no " + Kratix.API_VERSION + " Promise among its " + documents.size() + " documents";
            out.println("FAIL " + file + ": " + reason);
            return false;
        }
        boolean passed = true;
        for (int index = 0; index < documents.size(); index++) {
            JsonNode document = documents.get(index);
            if (!isPromise(document)) {
                err.println("validate: note: " + file + ": skipped document " + (index + 1) + " ("
                        + document.path("kind").asText("no kind") + "), not a Promise");
                continue;
            }
            passed &= validatePromise(file, index, document);
        }
        return passed;
    }

    private boolean validatePromise(Path file, int index, JsonNode document) {
        String name = document.path("metadata").path("name").asText("");
        String label = name.isEmpty() ? "document " + (index + 1) : name;
        PromiseFile.Result result = PromiseFile.decode(document);
        List<String> problems = result.problem() != null
                ? List.of(result.problem())
                : PromiseValidator.problems(result.promise());
        if (problems.isEmpty()) {
            out.println("OK " + file + ": " + label);
            return true;
        }
        out.println("FAIL " + file + ": " + label + ": " + String.join("; ", problems));
        return false;
    }

    private static boolean isPromise(JsonNode document) {
        return "Promise".equals(document.path("kind").asText(""))
                && Kratix.API_VERSION.equals(document.path("apiVersion").asText(""));
    }
}
