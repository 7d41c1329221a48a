package dev.pledge.validation;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pledge.api.Kratix;
import dev.pledge.api.Promise;
import dev.pledge.yaml.FieldError;
import dev.pledge.yaml.Yaml;
import java.nio.file.Path;
import java.util.List;

/** Reads a file that must hold exactly one Promise. */
public final class PromiseFile {

    /** Either a decoded Promise or the one-line reason there is none. */
    public record Result(Promise promise, String problem) {
    }

    private PromiseFile() {
    }

    public static Result read(Path file) {
        List<JsonNode> documents;
        try {
            documents = Yaml.documents(file);
        } catch (Yaml.YamlException e) {
            return new Result(null, e.getMessage());
        }
        if (documents.size() != 1) {
            return new Result(null, "expected exactly one Promise document, found " + documents.size());
        }
        return decode(documents.get(0));
    }

    public static Result decode(JsonNode document) {
        if (!document.isObject()) {
            return new Result(null, "expected a Promise object, found a YAML " + document.getNodeType().toString().toLowerCase());
        }
        String apiVersion = document.path("apiVersion").asText("");
        String kind = document.path("kind").asText("");
        if (!"Promise".equals(kind) || !Kratix.API_VERSION.equals(apiVersion)) {
            return new Result(null, "wrong kind: expected " + Kratix.API_VERSION + " Promise, found "
                    + (apiVersion.isEmpty() ? "no apiVersion" : apiVersion) + " " + (kind.isEmpty() ? "(no kind)" : kind));
        }
        try {
            return new Result(Yaml.mapper().treeToValue(document, Promise.class), null);
        } catch (JacksonException e) {
            return new Result(null, "invalid Promise: " + FieldError.describe(e));
        }
    }
}
