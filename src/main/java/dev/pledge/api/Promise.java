package dev.pledge.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
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
// The pipeline id <promise>-<type>-<action>-<pipeline> names the pipeline's ServiceAccount and Roles, so the API
// server refuses one over 60 characters (validation.PromiseValidator, which also names the id). Only the root can see
// metadata.name, so these rules sit here, one per type and action, reported at the pipeline list.
@ValidationRule(fieldPath = ".spec.workflows.promise.configure", value = "!has(self.spec) || !has(self.spec.workflows) || !has(self.spec.workflows.promise) || !has(self.spec.workflows.promise.configure)"
        + " || self.spec.workflows.promise.configure.all(p, !has(p.metadata) || !has(p.metadata.name) || size(self.metadata.name) + 19 + size(p.metadata.name) <= 60)",
        message = "pipeline id <promise>-promise-configure-<pipeline> is over the limit of 60 characters; shorten the Promise or pipeline name")
@ValidationRule(fieldPath = ".spec.workflows.promise.delete", value = "!has(self.spec) || !has(self.spec.workflows) || !has(self.spec.workflows.promise) || !has(self.spec.workflows.promise.delete)"
        + " || self.spec.workflows.promise.delete.all(p, !has(p.metadata) || !has(p.metadata.name) || size(self.metadata.name) + 16 + size(p.metadata.name) <= 60)",
        message = "pipeline id <promise>-promise-delete-<pipeline> is over the limit of 60 characters; shorten the Promise or pipeline name")
@ValidationRule(fieldPath = ".spec.workflows.resource.configure", value = "!has(self.spec) || !has(self.spec.workflows) || !has(self.spec.workflows.resource) || !has(self.spec.workflows.resource.configure)"
        + " || self.spec.workflows.resource.configure.all(p, !has(p.metadata) || !has(p.metadata.name) || size(self.metadata.name) + 20 + size(p.metadata.name) <= 60)",
        message = "pipeline id <promise>-resource-configure-<pipeline> is over the limit of 60 characters; shorten the Promise or pipeline name")
@ValidationRule(fieldPath = ".spec.workflows.resource.delete", value = "!has(self.spec) || !has(self.spec.workflows) || !has(self.spec.workflows.resource) || !has(self.spec.workflows.resource.delete)"
        + " || self.spec.workflows.resource.delete.all(p, !has(p.metadata) || !has(p.metadata.name) || size(self.metadata.name) + 17 + size(p.metadata.name) <= 60)",
        message = "pipeline id <promise>-resource-delete-<pipeline> is over the limit of 60 characters; shorten the Promise or pipeline name")
// A Promise's name ends up in kratix.io/* label values and generated object names, so it must be a Kubernetes label
// name (validation.KubernetesName); the API server itself checks the character set (an RFC 1123 subdomain) and 253.
@ValidationRule(value = "size(self.metadata.name) <= 63",
        message = "metadata.name is over 63 characters; a Promise name must be a Kubernetes label name")
public class Promise extends CustomResource<PromiseSpec, PromiseStatus> {
    @Override
    @JsonPropertyDescription("What the Promise offers: its API, dependencies, workflows, required Promises and where its documents go.")
    public PromiseSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("What the operator observed about the Promise.")
    public PromiseStatus getStatus() {
        return super.getStatus();
    }
}
