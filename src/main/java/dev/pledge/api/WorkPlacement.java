package dev.pledge.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** One workload group bound to one Destination: what gets written to that Destination's state store. */
@Group(Kratix.GROUP)
@Version(Kratix.VERSION)
@ShortNames({"wp", "wps"})
@Categories(Kratix.CATEGORY)
@AdditionalPrinterColumn(name = "DESTINATION", jsonPath = ".spec.targetDestinationName", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "STATUS", jsonPath = ".status.conditions[?(@.type==\"Ready\")].message", type = AdditionalPrinterColumn.Type.STRING)
public class WorkPlacement extends CustomResource<WorkPlacementSpec, WorkPlacementStatus> implements Namespaced {
    @Override
    @JsonPropertyDescription("One group of documents and the Destination it is written to.")
    public WorkPlacementSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("Whether the documents were written to the Destination's state store.")
    public WorkPlacementStatus getStatus() {
        return super.getStatus();
    }
}
