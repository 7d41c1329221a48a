package dev.pledge.yaml;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/** Reading and writing YAML documents, with errors a person can act on. */
public final class Yaml {
    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Yaml() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Every non-empty document of a (possibly multi-document) YAML text. Anchors and aliases are resolved, and
     * scalars that merely look like timestamps stay strings, as they do for kubectl.
     */
    public static List<JsonNode> documents(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        var loader = new org.yaml.snakeyaml.Yaml(new SafeConstructor(options), new Representer(new DumperOptions()),
                new DumperOptions(), options, new KubernetesResolver());
        List<JsonNode> documents = new ArrayList<>();
        try {
            for (Object document : loader.loadAll(text)) {
                if (document != null) {
                    documents.add(MAPPER.valueToTree(document));
                }
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark();
            throw new YamlException("unparseable YAML: " + e.getProblem()
                    + (mark == null ? "" : " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")"));
        } catch (YAMLException e) {
            throw new YamlException("unparseable YAML: " + firstLine(e.getMessage()));
        }
        return documents;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** YAML 1.1 resolution as Kubernetes tooling does it, minus timestamps (they stay strings). */
    private static final class KubernetesResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, BOOL, "yYnNtTfFoO");
            addImplicitResolver(Tag.INT, INT, "-+0123456789");
            addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
            addImplicitResolver(Tag.MERGE, MERGE, "<");
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
        }
    }

    public static List<JsonNode> documents(Path file) {
        try {
            return documents(Files.readString(file));
        } catch (IOException e) {
            throw new YamlException("cannot read " + file + ": " + e.getMessage());
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JacksonException e) {
            throw new YamlException("cannot write YAML: " + e.getOriginalMessage());
        }
    }

    /** One line: the parser's own words plus where it stopped. */
    public static String describe(JacksonException e) {
        String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 0 ? message
                : message + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    /** A YAML problem worth one line to the user. */
    public static final class YamlException extends RuntimeException {
        public YamlException(String message) {
            super(message);
        }
    }
}
