package dev.pledge.cli;

import dev.pledge.validation.PromiseFile;
import dev.pledge.validation.PromiseValidator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code validate FILE...}: checks each file offline and prints {@code OK <name>} per valid Promise, or
 * {@code FAIL <file>: <reason>}. Exit status 1 when any file failed.
 */
final class ValidateCommand {
    private final PrintStream out;
    private final PrintStream err;

    ValidateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> files) {
        if (files.isEmpty()) {
            err.println("validate: name at least one Promise file");
            return 2;
        }
        boolean failed = false;
        for (String file : files) {
            PromiseFile.Result result = PromiseFile.read(Path.of(file));
            List<String> problems = result.problem() != null
                    ? List.of(result.problem())
                    : PromiseValidator.problems(result.promise());
            if (problems.isEmpty()) {
                out.println("OK " + result.promise().getMetadata().getName());
            } else {
                failed = true;
                out.println("FAIL " + file + ": " + String.join("; ", problems));
            }
        }
        return failed ? 1 : 0;
    }
}
