package dev.pledge.yaml;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reading and writing YAML documents, with errors a person can act on. Every file a user or a pipeline hands us is
 * read here, within bounds: at most {@value #MAX_BYTES} bytes (checked before reading), UTF-8 text only, at most
 * {@value #MAX_ALIASES} aliases, {@value #MAX_DEPTH} levels of nesting and {@value #MAX_NODES} values once aliases
 * are expanded, and no alias that refers to itself. Anything past a bound is a {@link YamlException}, never a stack
 * overflow or an exhausted heap.
 */
public final class Yaml {
    public static final int MAX_BYTES = 3 * 1024 * 1024;
    static final int MAX_ALIASES = 100;
    static final int MAX_DEPTH = 64;
    static final int MAX_NODES = 200_000;

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
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_BYTES);
        options.setAllowRecursiveKeys(false);
        var loader = new org.yaml.snakeyaml.Yaml(new SafeConstructor(options), new Representer(new DumperOptions()),
                new DumperOptions(), options, new KubernetesResolver());
        List<JsonNode> documents = new ArrayList<>();
        try {
            for (Object document : loader.loadAll(text)) {
                if (document != null) {
                    new Bounds().check(document, 0);
                    documents.add(MAPPER.valueToTree(document));
                }
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark();
            throw new YamlException("unparseable YAML: " + e.getProblem()
                    + (mark == null ? "" : " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")"));
        } catch (YAMLException e) {
            throw new YamlException("unparseable YAML: " + firstLine(e.getMessage()));
        } catch (YamlException e) {
            throw e;
        } catch (NumberFormatException e) {
            throw new YamlException("unparseable YAML: a number tag (!!int, !!float) on a value that is not a number: "
                    + firstLine(e.getMessage()));
        } catch (ClassCastException e) {
            throw new YamlException("unparseable YAML: a tag that does not fit its value (such as !!set on a scalar)");
        } catch (RuntimeException e) {
            // SnakeYAML's constructors and Jackson's conversion throw a few plain runtime exceptions on odd input
            // (found by YamlFuzzTest); whatever they are, the caller gets one line, not a stack trace.
            throw new YamlException("unparseable YAML: " + firstLine(e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()));
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
        return documents(text(file));
    }

    /** A file's text, refused when it is over {@value #MAX_BYTES} bytes (before reading it) or not UTF-8. */
    public static String text(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new YamlException(file.getFileName() + " is " + size + " bytes, over the limit of "
                        + MAX_BYTES / (1024 * 1024) + " MiB");
            }
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new YamlException(file.getFileName() + " is not UTF-8 text (binary data?)");
        } catch (IOException e) {
            throw new YamlException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * Walks a loaded document as Jackson would, but stops at the first bound it passes. SnakeYAML resolves
     * aliases to shared objects, so a few kilobytes can stand for billions of values or for a cycle.
     */
    private static final class Bounds {
        private final Set<Object> path = Collections.newSetFromMap(new IdentityHashMap<>());
        private int nodes;

        void check(Object value, int depth) {
            if (++nodes > MAX_NODES) {
                throw new YamlException("unparseable YAML: more than " + MAX_NODES
                        + " values once aliases are expanded");
            }
            if (!(value instanceof Map<?, ?>) && !(value instanceof Collection<?>)) {
                return;
            }
            if (depth >= MAX_DEPTH) {
                throw new YamlException("unparseable YAML: nested deeper than " + MAX_DEPTH + " levels");
            }
            if (!path.add(value)) {
                throw new YamlException("unparseable YAML: an alias refers to a value that contains it");
            }
            if (value instanceof Map<?, ?> map) {
                for (Object key : map.keySet()) {
                    if (key == null) {
                        throw new YamlException("unparseable YAML: a mapping has an empty key");
                    }
                    if (key instanceof Map<?, ?> || key instanceof Collection<?> || key instanceof byte[]) {
                        throw new YamlException("unparseable YAML: a mapping key is a list, mapping or binary "
                                + "value; keys must be plain values");
                    }
                }
            }
            Collection<?> children = value instanceof Map<?, ?> map ? map.values() : (Collection<?>) value;
            for (Object child : children) {
                check(child, depth + 1);
            }
            path.remove(value);
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
