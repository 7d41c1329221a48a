package dev.pledge.cli;

import java.nio.file.Path;

/** Input {@code plan} cannot use; the message is one line that names the file and the problem. */
final class PlanException extends RuntimeException {

    PlanException(String message) {
        super(message);
    }

    PlanException(Path file, String problem) {
        this(file + ": " + problem);
    }
}
