package dev.pledge.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** Status shared by GitStateStore and BucketStateStore. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StateStoreStatus implements HasConditions {
    @JsonPropertyDescription("Ready when the store can be written with its credentials, else NotReady.")
    private String status;
    @JsonPropertyDescription("Observations of the store; Ready says whether it can be written and why not.")
    @SchemaFrom(type = ConditionSchema[].class)
    private List<Condition> conditions = new ArrayList<>();
    @JsonPropertyDescription("The generation this status describes.")
    private Long observedGeneration;

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    @Override
    public List<Condition> getConditions() {
        return conditions;
    }

    @Override
    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }
}
