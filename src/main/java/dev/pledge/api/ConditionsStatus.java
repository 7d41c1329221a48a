package dev.pledge.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** A status made only of conditions (Destination). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConditionsStatus implements HasConditions {
    @JsonPropertyDescription("Observations of the object; Ready says whether documents can be delivered and why not.")
    @SchemaFrom(type = ConditionSchema[].class)
    private List<Condition> conditions = new ArrayList<>();

    @Override
    public List<Condition> getConditions() {
        return conditions;
    }

    @Override
    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }
}
