package dev.pledge.promise;

import dev.pledge.api.SelectorSources;
import dev.pledge.api.KratixLabels;
import dev.pledge.api.Promise;
import dev.pledge.api.Selector;
import dev.pledge.api.Unstructured;
import dev.pledge.api.Work;
import dev.pledge.api.WorkSpec;
import dev.pledge.api.Workload;
import dev.pledge.scheduling.WorkloadGroup;
import dev.pledge.work.WorkloadContent;
import dev.pledge.yaml.Yaml;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Work that carries a Promise's {@code spec.dependencies} to every matching Destination: one root workload
 * group holding {@code static/<promise>-dependencies.yaml}, scheduled by the Promise's own selectors.
 */
public final class StaticDependencies {

    private StaticDependencies() {
    }

    public static String workName(Promise promise) {
        return promise.getMetadata().getName() + "-static-deps";
    }

    /** The desired Work, or null when the Promise has no dependencies. */
    public static Work workFor(Promise promise, String namespace) {
        List<Unstructured> dependencies = promise.getSpec().getDependencies();
        if (dependencies == null || dependencies.isEmpty()) {
            return null;
        }
        String name = promise.getMetadata().getName();
        String documents = dependencies.stream().map(d -> Yaml.write(d.asMap())).collect(Collectors.joining("---\n"));

        WorkSpec.WorkloadGroup group = new WorkSpec.WorkloadGroup();
        group.setDirectory(WorkloadGroup.ROOT);
        group.setId(WorkloadGroup.idOf(WorkloadGroup.ROOT));
        group.setWorkloads(List.of(new Workload("static/" + name + "-dependencies.yaml", WorkloadContent.encode(documents))));
        Map<String, String> selector = squash(promise.getSpec().getDestinationSelectors());
        group.setDestinationSelectors(selector.isEmpty() ? List.of()
                : List.of(new WorkSpec.WorkloadGroupSelector(selector, SelectorSources.PROMISE)));

        WorkSpec spec = new WorkSpec();
        spec.setPromiseName(name);
        spec.setResourceName("");
        spec.setWorkloadGroups(List.of(group));
        Work work = new Work();
        work.setMetadata(new ObjectMetaBuilder().withName(workName(promise)).withNamespace(namespace)
                .addToLabels(KratixLabels.PROMISE_NAME, name)
                .addToLabels(KratixLabels.WORK_TYPE, KratixLabels.WORK_TYPE_STATIC_DEPENDENCY)
                .build());
        work.setSpec(spec);
        return work;
    }

    /** Several selector entries become one map, as the scheduling rules squash them (first entry wins). */
    static Map<String, String> squash(List<Selector> selectors) {
        return selectors == null ? Map.of() : dev.pledge.scheduling.EffectiveSelector.squash(selectors.stream()
                .map(s -> s.getMatchLabels() == null ? Map.<String, String>of() : s.getMatchLabels()).toList());
    }

}
