package dev.pledge.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files behind FILE|DIR arguments, as {@code validate} and {@code plan} read them: a file as named; a directory
 * as its {@code .yaml} and {@code .yml} files (not its sub-directories), in name order.
 */
record InputFiles(Path argument, List<Path> files, boolean fromDirectory) {

    /** Thrown for an argument that is neither a file nor a readable directory. */
    static final class Unreadable extends RuntimeException {
        final Path argument;

        Unreadable(Path argument, String problem) {
            super(problem);
            this.argument = argument;
        }
    }

    static InputFiles of(Path argument) {
        if (Files.isRegularFile(argument)) {
            return new InputFiles(argument, List.of(argument), false);
        }
        if (!Files.isDirectory(argument)) {
            throw new Unreadable(argument, "no such file or directory");
        }
        try (Stream<Path> list = Files.list(argument)) {
            return new InputFiles(argument, list.filter(Files::isRegularFile).filter(InputFiles::isYaml).sorted().toList(),
                    true);
        } catch (IOException | UncheckedIOException e) {
            throw new Unreadable(argument, "cannot list the directory: " + e.getMessage());
        }
    }

    static List<Path> all(List<Path> arguments) {
        List<Path> files = new ArrayList<>();
        arguments.forEach(argument -> files.addAll(of(argument).files()));
        return files;
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }
}
