package dev.pledge.api;

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
public class GitStateStore extends CustomResource<GitStateStoreSpec, StateStoreStatus> {
}
