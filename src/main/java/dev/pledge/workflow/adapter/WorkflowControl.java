package dev.pledge.workflow.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pledge.yaml.Yaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a pipeline asked of its own workflow through {@code /kratix/metadata/workflow-control.yaml} (§3.5.4):
 * {@code suspend: true} stops the workflow at this pipeline until the {@code kratix.io/workflow-suspended} label
 * goes; {@code retryAfter: 10m} runs this pipeline again after that long. When both are given, {@code retryAfter}
 * wins (as both of upstream's pages say): the pipeline is retried, whatever {@code suspend} says.
 *
 * @param retryAfter null when the pipeline asked for no retry
 */
public record WorkflowControl(boolean suspend, String message, Duration retryAfter) {
    public static final String FILE = "workflow-control.yaml";
    public static final WorkflowControl NONE = new WorkflowControl(false, null, null);

    private static final Set<String> KEYS = Set.of("suspend", "message", "retryAfter");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    /** Whether the workflow stops at this pipeline (a suspension or a retry): no Work, no completion. */
    public boolean stops() {
        return suspend || retryAfter != null;
    }

    /** The file in {@code metadata}, or {@link #NONE} when the pipeline wrote none. */
    static WorkflowControl read(Path metadata) throws IOException {
        Path file = metadata.resolve(FILE);
        if (Files.isSymbolicLink(file)) {
            throw new InvalidPipelineOutput(FILE, "is a symbolic link; write the file itself");
        }
        if (!Files.isRegularFile(file)) {
            return NONE;
        }
        try {
            return parse(Yaml.text(file));
        } catch (Yaml.YamlException e) {
            throw new InvalidPipelineOutput(FILE, e.getMessage());
        }
    }

    /** Parses the file's text; anything but the three known keys with the right types is refused in one line. */
    public static WorkflowControl parse(String text) {
        List<JsonNode> documents;
        try {
            documents = Yaml.documents(text);
        } catch (Yaml.YamlException e) {
            throw new InvalidPipelineOutput(FILE, e.getMessage());
        }
        if (documents.isEmpty()) {
            return NONE;
        }
        if (documents.size() > 1 || !documents.get(0).isObject()) {
            throw new InvalidPipelineOutput(FILE, "expected one mapping with suspend, message and retryAfter");
        }
        JsonNode control = documents.get(0);
        List<String> unknown = new ArrayList<>();
        control.fieldNames().forEachRemaining(key -> {
            if (!KEYS.contains(key)) {
                unknown.add(key);
            }
        });
        if (!unknown.isEmpty()) {
            throw new InvalidPipelineOutput(FILE, "unknown key" + (unknown.size() > 1 ? "s " : " ") + unknown
                    + "; expected suspend, message and retryAfter");
        }
        JsonNode suspend = control.get("suspend");
        if (suspend != null && !suspend.isNull() && !suspend.isBoolean()) {
            throw new InvalidPipelineOutput(FILE, "suspend must be true or false, not " + suspend);
        }
        JsonNode message = control.get("message");
        if (message != null && !message.isNull() && !message.isValueNode()) {
            throw new InvalidPipelineOutput(FILE, "message must be a string");
        }
        JsonNode retry = control.get("retryAfter");
        Duration retryAfter = null;
        if (retry != null && !retry.isNull()) {
            if (!retry.isTextual()) {
                throw new InvalidPipelineOutput(FILE, "retryAfter must be a duration with a unit, such as 30s, 10m, "
                        + "1h or 1d, not " + retry);
            }
            retryAfter = duration(retry.asText());
        }
        return new WorkflowControl(suspend != null && suspend.asBoolean(false),
                message == null || message.isNull() ? null : message.asText(), retryAfter);
    }

    /** A positive duration such as {@code 90s}, {@code 10m}, {@code 1h30m} or {@code 1d}. */
    static Duration duration(String text) {
        String trimmed = text.trim();
        Matcher part = DURATION_PART.matcher(trimmed);
        Duration total = Duration.ZERO;
        int at = 0;
        while (at < trimmed.length() && part.find(at) && part.start() == at) {
            long amount;
            try {
                amount = Long.parseLong(part.group(1));
            } catch (NumberFormatException e) {
                throw badDuration(text);
            }
            try {
                total = total.plus(switch (part.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                });
            } catch (ArithmeticException e) {
                throw badDuration(text);
            }
            at = part.end();
        }
        if (trimmed.isEmpty() || at != trimmed.length() || total.isZero()) {
            throw badDuration(text);
        }
        return total;
    }

    private static InvalidPipelineOutput badDuration(String text) {
        return new InvalidPipelineOutput(FILE, "retryAfter \"" + text + "\" is not a positive duration; write it "
                + "like 30s, 10m, 1h or 1d");
    }
}
