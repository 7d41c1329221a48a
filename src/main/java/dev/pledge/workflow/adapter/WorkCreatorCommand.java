package dev.pledge.workflow.adapter;

import dev.pledge.api.Kratix;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pledge.api.KratixLabels;
import dev.pledge.api.Work;
import dev.pledge.api.WorkSpec;
import dev.pledge.api.Workload;
import dev.pledge.scheduling.DestinationSelectorsFile;
import dev.pledge.scheduling.EffectiveSelector;
import dev.pledge.scheduling.InvalidSchedulingInput;
import dev.pledge.scheduling.SchedulingDefaults;
import dev.pledge.scheduling.SelectorSource;
import dev.pledge.scheduling.SourcedSelector;
import dev.pledge.scheduling.WorkKind;
import dev.pledge.scheduling.WorkloadGroup;
import dev.pledge.scheduling.WorkloadGrouping;
import dev.pledge.statestore.FileNames;
import dev.pledge.work.WorkloadContent;
import dev.pledge.workflow.Names;
import dev.pledge.yaml.Yaml;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code work-creator}: turns what the pipeline wrote into the one Work of this pipeline run (§3.6). The Work is
 * found again by its labels on later runs, and its spec replaced, so each pipeline of each object has one Work.
 */
final class WorkCreatorCommand {
    static final String DEFAULT_NAMESPACE = Kratix.SYSTEM_NAMESPACE;
    static final String PROMISE_SCHEDULING = "promise-scheduling";

    private WorkCreatorCommand() {
    }

    /** The command line, as the Job renders it. */
    record Flags(Path inputDirectory, String promiseName, String pipelineName, String namespace, String workflowType,
            String resourceName, String resourceNamespace) {

        static Flags parse(List<String> args) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < args.size(); i++) {
                String flag = args.get(i);
                if (!FLAGS.contains(flag)) {
                    throw new IllegalArgumentException("unknown flag \"" + flag + "\"; expected one of " + FLAGS);
                }
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("flag " + flag + " needs a value");
                }
                values.put(flag, args.get(++i));
            }
            for (String required : List.of("--input-directory", "--promise-name", "--pipeline-name", "--workflow-type")) {
                if (values.getOrDefault(required, "").isEmpty()) {
                    throw new IllegalArgumentException("flag " + required + " is required");
                }
            }
            String type = values.get("--workflow-type");
            if (!type.equals("promise") && !type.equals("resource")) {
                throw new IllegalArgumentException("--workflow-type must be promise or resource, not \"" + type + "\"");
            }
            if (type.equals("resource") && values.getOrDefault("--resource-name", "").isEmpty()) {
                throw new IllegalArgumentException("flag --resource-name is required for resource workflows");
            }
            String namespace = values.getOrDefault("--namespace", "");
            return new Flags(Path.of(values.get("--input-directory")), values.get("--promise-name"),
                    values.get("--pipeline-name"), namespace.isEmpty() ? DEFAULT_NAMESPACE : namespace, type,
                    values.getOrDefault("--resource-name", ""), values.getOrDefault("--resource-namespace", ""));
        }

        private static final List<String> FLAGS = List.of("--input-directory", "--promise-name", "--pipeline-name",
                "--namespace", "--workflow-type", "--resource-name", "--resource-namespace");

        boolean isResource() {
            return workflowType.equals("resource");
        }

        WorkKind workKind() {
            return isResource() ? WorkKind.RESOURCE_WORKFLOW : WorkKind.PROMISE_WORKFLOW;
        }

        /** The labels that identify this pipeline's Work (§3.6.1). */
        Map<String, String> labels() {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put(KratixLabels.PROMISE_NAME, promiseName);
            labels.put(KratixLabels.PIPELINE_NAME, pipelineName);
            labels.put(KratixLabels.WORK_TYPE, isResource() ? KratixLabels.WORK_TYPE_RESOURCE
                    : KratixLabels.WORK_TYPE_PROMISE);
            if (isResource()) {
                labels.put(KratixLabels.RESOURCE_NAME, resourceName);
            }
            if (!resourceNamespace.isEmpty()) {
                labels.put(KratixLabels.RESOURCE_NAMESPACE, resourceNamespace);
            }
            return labels;
        }

        /** What a new Work's random name is derived from. */
        String identifier() {
            if (!isResource()) {
                return promiseName + "-" + pipelineName;
            }
            return promiseName + "-" + resourceName + (resourceNamespace.isEmpty() ? "" : "-" + resourceNamespace)
                    + "-" + pipelineName;
        }
    }

    static void run(KubernetesClient client, List<String> args) throws IOException {
        Flags flags = Flags.parse(args);
        Path root = flags.inputDirectory();
        Path output = realDirectory(root.resolve("input"));
        List<String> files = outputFiles(output);
        DestinationSelectorsFile selectors = selectorsFile(root.resolve("metadata"));
        SchedulingDefaults defaults = schedulingDefaults(root.resolve("kratix-system").resolve(PROMISE_SCHEDULING));
        if (WorkflowControl.read(root.resolve("metadata")).stops()) {
            // a suspended or retried pipeline has not finished: its Work stays as the last finished run left it
            return;
        }
        List<WorkloadGroup> groups;
        try {
            groups = WorkloadGrouping.group(flags.workKind(), files, selectors, defaults);
        } catch (InvalidSchedulingInput e) {
            throw new InvalidPipelineOutput(DestinationSelectorsFile.FILE_NAME, e.getMessage());
        }
        WorkSpec spec = spec(flags, output, groups);
        apply(client, flags, spec);
    }

    /**
     * Every regular file under the output, relative and {@code /}-separated, sorted. A symbolic link that leads out
     * of the output directory is refused (it would put a file of the pipeline's container, not its output, into
     * the Work), and so is a name a state store cannot hold ({@link FileNames}).
     */
    static List<String> outputFiles(Path output) throws IOException {
        if (output == null) {
            return List.of();
        }
        List<String> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(output)) {
            for (Path file : (Iterable<Path>) walk::iterator) {
                String relative = output.relativize(file).toString().replace(java.io.File.separatorChar, '/');
                if (Files.isSymbolicLink(file) && !insideOutput(output, file)) {
                    throw new InvalidPipelineOutput(OUTPUT_DIRECTORY + "/" + FileNames.printable(relative),
                            "is a symbolic link that leads out of the output directory");
                }
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                String problem = FileNames.problem(relative);
                if (problem != null) {
                    throw new InvalidPipelineOutput(OUTPUT_DIRECTORY + "/" + FileNames.printable(relative), problem);
                }
                files.add(relative);
            }
        }
        files.sort(null);
        return files;
    }

    /** The output directory as the pipeline sees it, naming a refused file. */
    static final String OUTPUT_DIRECTORY = "output";

    private static boolean insideOutput(Path output, Path link) {
        try {
            return link.toRealPath().startsWith(output);
        } catch (IOException e) {
            return false;
        }
    }

    private static Path realDirectory(Path directory) throws IOException {
        return Files.isDirectory(directory) ? directory.toRealPath() : null;
    }

    private static DestinationSelectorsFile selectorsFile(Path metadata) throws IOException {
        Path file = metadata.resolve(DestinationSelectorsFile.FILE_NAME);
        if (Files.isSymbolicLink(file)) {
            throw new InvalidPipelineOutput(DestinationSelectorsFile.FILE_NAME, "is a symbolic link; write the file itself");
        }
        if (!Files.isRegularFile(file)) {
            return DestinationSelectorsFile.NONE;
        }
        try {
            return DestinationSelectorsFile.parse(Yaml.text(file));
        } catch (Yaml.YamlException | InvalidSchedulingInput e) {
            throw new InvalidPipelineOutput(DestinationSelectorsFile.FILE_NAME, e.getMessage());
        }
    }

    /**
     * The Promise's defaults from the scheduling ConfigMap the controller mounts: {@code promise} entries
     * squashed (first wins) into the Promise's selector, {@code promise-workflow} entries into the default its
     * configure workflow chose.
     */
    static SchedulingDefaults schedulingDefaults(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return SchedulingDefaults.NONE;
        }
        List<JsonNode> documents = Yaml.documents(file);
        List<Map<String, String>> promise = new ArrayList<>();
        List<Map<String, String>> promiseWorkflow = new ArrayList<>();
        for (JsonNode document : documents) {
            if (!document.isArray()) {
                throw new IllegalStateException(PROMISE_SCHEDULING + " is not a list of {matchLabels, source}");
            }
            for (JsonNode entry : document) {
                Map<String, String> labels = new LinkedHashMap<>();
                entry.path("matchLabels").fields().forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
                SelectorSource source = SelectorSource.fromWireName(entry.path("source").asText());
                switch (source) {
                    case PROMISE -> promise.add(labels);
                    case PROMISE_WORKFLOW -> promiseWorkflow.add(labels);
                    default -> throw new IllegalStateException(PROMISE_SCHEDULING + " has a selector with source \""
                            + source.wireName() + "\"; only promise and promise-workflow belong there");
                }
            }
        }
        return new SchedulingDefaults(EffectiveSelector.squash(promise), EffectiveSelector.squash(promiseWorkflow));
    }

    static WorkSpec spec(Flags flags, Path output, List<WorkloadGroup> groups) throws IOException {
        WorkSpec spec = new WorkSpec();
        spec.setPromiseName(flags.promiseName());
        spec.setResourceName(flags.isResource() ? flags.resourceName() : "");
        spec.setLastExecutionTimestamp(PipelineAdapter.now());
        List<WorkSpec.WorkloadGroup> workGroups = new ArrayList<>();
        for (WorkloadGroup group : groups) {
            WorkSpec.WorkloadGroup workGroup = new WorkSpec.WorkloadGroup();
            workGroup.setId(group.id());
            workGroup.setDirectory(group.directory());
            List<Workload> workloads = new ArrayList<>();
            for (String file : group.files()) {
                workloads.add(new Workload(file, WorkloadContent.encode(Files.readAllBytes(output.resolve(file)))));
            }
            workGroup.setWorkloads(workloads);
            List<WorkSpec.WorkloadGroupSelector> selectors = new ArrayList<>();
            for (SourcedSelector selector : group.selectors()) {
                selectors.add(new WorkSpec.WorkloadGroupSelector(new TreeMap<>(selector.matchLabels()),
                        selector.source().wireName()));
            }
            workGroup.setDestinationSelectors(selectors);
            workGroups.add(workGroup);
        }
        spec.setWorkloadGroups(workGroups);
        return spec;
    }

    /** Creates the Work, or replaces the spec of the one an earlier run created. */
    static void apply(KubernetesClient client, Flags flags, WorkSpec spec) {
        var works = client.resources(Work.class).inNamespace(flags.namespace());
        List<Work> existing = works.withLabels(flags.labels()).list().getItems();
        if (existing.size() > 1) {
            throw new IllegalStateException("found " + existing.size() + " Works labelled " + flags.labels()
                    + " in namespace " + flags.namespace() + "; expected at most one");
        }
        if (existing.isEmpty()) {
            Work work = new Work();
            work.getMetadata().setName(Names.random(flags.identifier()));
            work.getMetadata().setNamespace(flags.namespace());
            work.getMetadata().setLabels(flags.labels());
            work.setSpec(spec);
            works.resource(work).create();
            return;
        }
        // edit() sends the read resourceVersion: the operator writing the Work's status meanwhile is a 409, after
        // which the Work is read again and the spec replaced on that
        String name = existing.get(0).getMetadata().getName();
        for (int attempt = 1; ; attempt++) {
            try {
                works.withName(name).edit(work -> {
                    work.setSpec(spec);
                    return work;
                });
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == EDIT_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static final int EDIT_ATTEMPTS = 5;
}
