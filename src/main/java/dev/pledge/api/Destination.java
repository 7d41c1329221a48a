package dev.pledge.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Somewhere documents are delivered: a cluster, or anything that reads a state store. Cluster-scoped.
 * Its labels are what scheduling selectors match against.
 */
@Group(Kratix.GROUP)
@Version(Kratix.VERSION)
@ShortNames({"dest", "dests"})
@Categories(Kratix.CATEGORY)
@AdditionalPrinterColumn(name = "StateStoreKind", jsonPath = ".spec.stateStoreRef.kind", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "StateStoreName", jsonPath = ".spec.stateStoreRef.name", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
public class Destination extends CustomResource<DestinationSpec, ConditionsStatus> {
    @Override
    @JsonPropertyDescription("Where this Destination's documents are written and which work it accepts.")
    public DestinationSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("Whether documents can be delivered to this Destination.")
    public ConditionsStatus getStatus() {
        return super.getStatus();
    }

    /** The Destination's labels, never null. */
    public java.util.Map<String, String> labels() {
        var labels = getMetadata() == null ? null : getMetadata().getLabels();
        return labels == null ? java.util.Map.of() : labels;
    }
}
