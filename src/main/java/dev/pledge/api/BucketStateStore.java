package dev.pledge.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;

/** An S3-compatible bucket that Destinations' documents are written to. Cluster-scoped. */
@Group(Kratix.GROUP)
@Version(Kratix.VERSION)
@Categories(Kratix.CATEGORY)
@AdditionalPrinterColumn(name = "Name", jsonPath = ".spec.bucketName", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Endpoint", jsonPath = ".spec.endpoint", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
public class BucketStateStore extends CustomResource<BucketStateStoreSpec, StateStoreStatus>
        implements StateStoreResource {
    @Override
    @JsonPropertyDescription("The bucket, server and credentials documents are uploaded with.")
    public BucketStateStoreSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("Whether the bucket can be written with the given credentials.")
    public StateStoreStatus getStatus() {
        return super.getStatus();
    }

    @Override
    public SecretRef secretRef() {
        return getSpec() == null ? null : getSpec().getSecretRef();
    }
}
