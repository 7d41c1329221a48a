package dev.pledge.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;

/** A service the platform team offers: an API, dependencies, workflows and scheduling rules. Cluster-scoped. */
@Group(Kratix.GROUP)
@Version(Kratix.VERSION)
@Categories(Kratix.CATEGORY)
@AdditionalPrinterColumn(name = "Status", jsonPath = ".status.status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Kind", jsonPath = ".status.kind", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "API Version", jsonPath = ".status.apiVersion", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Version", jsonPath = ".status.version", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Message", jsonPath = ".status.message", type = AdditionalPrinterColumn.Type.STRING)
public class Promise extends CustomResource<PromiseSpec, PromiseStatus> {
}
