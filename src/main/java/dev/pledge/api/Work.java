package dev.pledge.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;

/** The documents one workflow run (or a Promise's dependencies) produced, split into workload groups. */
@Group(Kratix.GROUP)
@Version(Kratix.VERSION)
@Categories(Kratix.CATEGORY)
@AdditionalPrinterColumn(name = "STATUS", jsonPath = ".status.conditions[?(@.type==\"Ready\")].message", type = AdditionalPrinterColumn.Type.STRING)
public class Work extends CustomResource<WorkSpec, WorkStatus> implements Namespaced {
    @Override
    @JsonPropertyDescription("The documents a workflow (or a Promise's dependencies) produced, in groups to schedule.")
    public WorkSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("How the Work's groups were scheduled and written.")
    public WorkStatus getStatus() {
        return super.getStatus();
    }
}
