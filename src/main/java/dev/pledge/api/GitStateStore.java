package dev.pledge.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;

/** A Git repository that Destinations' documents are committed to. Cluster-scoped. */
@Group(Kratix.GROUP)
@Version(Kratix.VERSION)
@Categories(Kratix.CATEGORY)
@AdditionalPrinterColumn(name = "URL", jsonPath = ".spec.url", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Branch", jsonPath = ".spec.branch", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
public class GitStateStore extends CustomResource<GitStateStoreSpec, StateStoreStatus>
        implements StateStoreResource {
    @Override
    @JsonPropertyDescription("The repository, branch and credentials documents are committed with.")
    public GitStateStoreSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("Whether the repository can be written with the given credentials.")
    public StateStoreStatus getStatus() {
        return super.getStatus();
    }

    @Override
    public SecretRef secretRef() {
        return getSpec() == null ? null : getSpec().getSecretRef();
    }
}
