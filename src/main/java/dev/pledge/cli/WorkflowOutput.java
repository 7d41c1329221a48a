package dev.pledge.cli;

import dev.pledge.scheduling.DestinationSelectorsFile;
import dev.pledge.scheduling.InvalidSchedulingInput;
import dev.pledge.yaml.Yaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a configure workflow produced, laid out as in the pipeline Job: {@code DIR/output/**} and optionally
 * {@code DIR/metadata/destination-selectors.yaml}.
 *
 * @param files         every regular file below {@code output/}, relative to it, {@code /}-separated, sorted
 * @param selectorsFile where the selectors were (or would have been) read from, for messages
 */
record WorkflowOutput(List<String> files, DestinationSelectorsFile selectors, Path selectorsFile) {

    static WorkflowOutput read(Path dir, String option) {
        if (!Files.isDirectory(dir)) {
            throw new PlanException(dir, "no such directory (given to " + option + ")");
        }
        Path output = dir.resolve("output");
        if (!Files.isDirectory(output)) {
            throw new PlanException(dir, "has no output/ directory; " + option
                    + " expects DIR/output/** and optionally DIR/metadata/" + DestinationSelectorsFile.FILE_NAME);
        }
        Path selectorsFile = dir.resolve("metadata").resolve(DestinationSelectorsFile.FILE_NAME);
        return new WorkflowOutput(files(output), selectors(selectorsFile), selectorsFile);
    }

    private static List<String> files(Path output) {
        try (Stream<Path> walk = Files.walk(output)) {
            return walk.filter(Files::isRegularFile)
                    .map(file -> output.relativize(file).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new PlanException(output, "cannot list the output: " + e.getMessage());
        }
    }

    private static DestinationSelectorsFile selectors(Path file) {
        if (!Files.exists(file)) {
            return DestinationSelectorsFile.NONE;
        }
        try {
            return DestinationSelectorsFile.parse(Yaml.text(file));
        } catch (Yaml.YamlException e) {
            throw new PlanException(file, e.getMessage());
        } catch (InvalidSchedulingInput e) {
            throw new PlanException(file, e.getMessage());
        }
    }
}
