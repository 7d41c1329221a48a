package dev.pledge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code plan} in-process with captured streams; fixtures live under src/test/resources/plan. */
record PlanRun(int status, String out, String err) {

    static PlanRun plan(Object... args) {
        List<String> argv = new ArrayList<>(List.of("plan"));
        for (Object arg : args) {
            argv.add(arg.toString());
        }
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = Cli.run(argv.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new PlanRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Path fixture(String path) {
        try {
            return Path.of(PlanRun.class.getResource("/plan/" + path).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    JsonNode json() {
        try {
            return new ObjectMapper().readTree(out);
        } catch (Exception e) {
            throw new AssertionError("not JSON (status " + status + ", stderr " + err + "): " + out, e);
        }
    }

    /** The group of that work and directory. */
    JsonNode group(String work, String directory) {
        for (JsonNode group : json().path("groups")) {
            if (group.path("work").asText().equals(work) && group.path("directory").asText().equals(directory)) {
                return group;
            }
        }
        throw new AssertionError("no group " + work + " " + directory + " in " + out);
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
