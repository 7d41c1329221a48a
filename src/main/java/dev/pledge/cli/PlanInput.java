package dev.pledge.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.pledge.api.Destination;
import dev.pledge.api.Kratix;
import dev.pledge.api.KratixLabels;
import dev.pledge.api.Promise;
import dev.pledge.api.WorkPlacement;
import dev.pledge.scheduling.DestinationView;
import dev.pledge.validation.PromiseFile;
import dev.pledge.yaml.FieldError;
import dev.pledge.yaml.Yaml;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The objects {@code plan} reads from its FILE|DIR arguments: exactly one Promise, any number of Destinations, at
 * most one resource request (an object of the Promise API's kind) and any number of existing WorkPlacements.
 * State stores, which often share a file with their Destinations, are skipped; objects of any other kind (a
 * walkthrough's Secret) are skipped with a note.
 */
record PlanInput(Promise promise, Path promiseFile, List<DestinationView> destinations,
        Optional<ResourceRequest> request, List<ExistingPlacement> placements) {

    /** Kinds that often sit beside Destinations in the same file; skipped without a note. */
    private static final Set<String> COMPANION_KRATIX_KINDS = Set.of("GitStateStore", "BucketStateStore");

    private static final ObjectReader DESTINATION = lenient(Destination.class);
    private static final ObjectReader WORK_PLACEMENT = lenient(WorkPlacement.class);

    record ResourceRequest(String name, Path file) {
    }

    /**
     * A WorkPlacement already in the cluster.
     *
     * @param fromWorkflow whether it carries a {@code kratix.io/pipeline-name} label (dependencies ones do not)
     */
    record ExistingPlacement(String name, String promiseName, String resourceName, String groupId, String destination,
            boolean fromWorkflow) {
    }

    /** One YAML document and where it came from. */
    private record Document(JsonNode node, Path file, int index) {
        String describe() {
            String apiVersion = node.path("apiVersion").asText("");
            String kind = node.path("kind").asText("");
            String name = node.path("metadata").path("name").asText("");
            return (apiVersion.isEmpty() ? "" : apiVersion + " ") + (kind.isEmpty() ? "object without kind" : kind)
                    + (name.isEmpty() ? "" : " \"" + name + "\"");
        }
    }

    /**
     * @param notes where to say which documents were skipped because plan does not use their kind
     */
    static PlanInput load(List<Path> inputs, Consumer<String> notes) {
        List<Document> documents = new ArrayList<>();
        for (Path file : yamlFiles(inputs)) {
            documents.addAll(documents(file));
        }

        Promise promise = null;
        Path promiseFile = null;
        Map<String, Path> destinationFiles = new HashMap<>();
        List<DestinationView> destinations = new ArrayList<>();
        List<ExistingPlacement> placements = new ArrayList<>();
        List<Document> others = new ArrayList<>();
        for (Document document : documents) {
            JsonNode node = document.node();
            String kind = node.path("kind").asText("");
            boolean kratix = Kratix.API_VERSION.equals(node.path("apiVersion").asText(""));
            if (kratix && kind.equals("Promise")) {
                if (promise != null) {
                    throw new PlanException(document.file(), "a second Promise \"" + name(node) + "\" (the first, \""
                            + promise.getMetadata().getName() + "\", is in " + promiseFile + "); plan takes exactly one");
                }
                promise = promise(document);
                promiseFile = document.file();
            } else if (kratix && kind.equals("Destination")) {
                DestinationView destination = destination(document);
                Path earlier = destinationFiles.putIfAbsent(destination.name(), document.file());
                if (earlier != null) {
                    throw new PlanException(document.file(), "a second Destination named \"" + destination.name()
                            + "\" (the first is in " + earlier + ")");
                }
                destinations.add(destination);
            } else if (kratix && kind.equals("WorkPlacement")) {
                placements.add(placement(document));
            } else if (!(kratix && COMPANION_KRATIX_KINDS.contains(kind))) {
                others.add(document);
            }
        }
        if (promise == null) {
            throw new PlanException("no Promise among " + (inputs.isEmpty() ? "the inputs (name at least one FILE or DIR)"
                    : String.join(", ", inputs.stream().map(Path::toString).toList())) + "; plan needs exactly one");
        }
        return new PlanInput(promise, promiseFile, List.copyOf(destinations), request(promise, others, notes),
                List.copyOf(placements));
    }

    private static List<Path> yamlFiles(List<Path> inputs) {
        try {
            return InputFiles.all(inputs);
        } catch (InputFiles.Unreadable e) {
            throw new PlanException(e.argument, e.getMessage());
        }
    }

    private static List<Document> documents(Path file) {
        List<JsonNode> nodes;
        try {
            nodes = Yaml.documents(file);
        } catch (Yaml.YamlException e) {
            throw new PlanException(file, e.getMessage());
        }
        List<Document> documents = new ArrayList<>();
        for (int index = 0; index < nodes.size(); index++) {
            if (!nodes.get(index).isObject()) {
                throw new PlanException(file, "document " + (index + 1) + " is not a Kubernetes object");
            }
            documents.add(new Document(nodes.get(index), file, index));
        }
        return documents;
    }

    private static Promise promise(Document document) {
        PromiseFile.Result result = PromiseFile.decode(document.node());
        if (result.problem() != null) {
            throw new PlanException(document.file(), "Promise \"" + name(document.node()) + "\": " + result.problem());
        }
        if (result.promise().getMetadata() == null || result.promise().getMetadata().getName() == null) {
            throw new PlanException(document.file(), "Promise without metadata.name");
        }
        return result.promise();
    }

    private static DestinationView destination(Document document) {
        Destination destination = decode(DESTINATION, document);
        if (destination.getMetadata() == null || destination.getMetadata().getName() == null) {
            throw new PlanException(document.file(), "Destination without metadata.name");
        }
        boolean strict = destination.getSpec() != null && Boolean.TRUE.equals(destination.getSpec().getStrictMatchLabels());
        return new DestinationView(destination.getMetadata().getName(), destination.labels(), strict);
    }

    private static ExistingPlacement placement(Document document) {
        WorkPlacement placement = decode(WORK_PLACEMENT, document);
        String name = placement.getMetadata() == null ? null : placement.getMetadata().getName();
        var spec = placement.getSpec();
        if (spec == null || blank(spec.getTargetDestinationName()) || blank(spec.getId())) {
            throw new PlanException(document.file(), "WorkPlacement \"" + name
                    + "\" needs spec.targetDestinationName and spec.id");
        }
        Map<String, String> labels = placement.getMetadata() == null || placement.getMetadata().getLabels() == null
                ? Map.of() : placement.getMetadata().getLabels();
        return new ExistingPlacement(name, spec.getPromiseName(), spec.getResourceName(), spec.getId(),
                spec.getTargetDestinationName(), labels.containsKey(KratixLabels.PIPELINE_NAME));
    }

    /**
     * Among the remaining objects, those of the Promise API's kind are the resource request (at most one); any other
     * kind (state stores, Secrets, ...) says nothing about scheduling and is skipped with a note.
     */
    private static Optional<ResourceRequest> request(Promise promise, List<Document> others, Consumer<String> notes) {
        ResourceRequest request = null;
        for (Document document : others) {
            if (!isRequestFor(promise, document.node())) {
                notes.accept(document.file() + ": skipped " + document.describe()
                        + " (plan reads Promises, Destinations, WorkPlacements and requests for the Promise's API"
                        + apiDescription(promise) + ")");
                continue;
            }
            if (request != null) {
                throw new PlanException(document.file(), "a second resource request " + document.describe()
                        + " (the first, \"" + request.name() + "\", is in " + request.file() + "); plan takes at most one");
            }
            String name = name(document.node());
            if (name.isEmpty()) {
                throw new PlanException(document.file(), "resource request without metadata.name");
            }
            request = new ResourceRequest(name, document.file());
        }
        return Optional.ofNullable(request);
    }

    private static boolean isRequestFor(Promise promise, JsonNode node) {
        JsonNode crd = api(promise);
        String kind = crd.path("spec").path("names").path("kind").asText("");
        String group = crd.path("spec").path("group").asText("");
        if (kind.isEmpty() || !kind.equals(node.path("kind").asText(""))) {
            return false;
        }
        String apiVersion = node.path("apiVersion").asText("");
        for (JsonNode version : crd.path("spec").path("versions")) {
            if (apiVersion.equals(group + "/" + version.path("name").asText(""))) {
                return true;
            }
        }
        return apiVersion.startsWith(group + "/") && crd.path("spec").path("versions").isEmpty();
    }

    private static String apiDescription(Promise promise) {
        JsonNode crd = api(promise);
        String kind = crd.path("spec").path("names").path("kind").asText("");
        return kind.isEmpty() ? " (this Promise has no API)" : " (" + crd.path("spec").path("group").asText("") + " " + kind + ")";
    }

    private static JsonNode api(Promise promise) {
        return promise.getSpec() == null || promise.getSpec().hasNoApi()
                ? Yaml.mapper().createObjectNode()
                : Yaml.mapper().valueToTree(promise.getSpec().getApi().asMap());
    }

    private static <T> T decode(ObjectReader reader, Document document) {
        try {
            return reader.readValue(document.node());
        } catch (JacksonException e) {
            throw new PlanException(document.file(), "invalid " + document.describe() + ": " + FieldError.describe(e));
        } catch (IOException e) {
            throw new PlanException(document.file(), "invalid " + document.describe() + ": " + e.getMessage());
        }
    }

    private static ObjectReader lenient(Class<?> type) {
        return Yaml.mapper().readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private static String name(JsonNode node) {
        return node.path("metadata").path("name").asText("");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
