package dev.pledge.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkStatus implements HasConditions {
    @JsonPropertyDescription("Observations of the Work: Ready and ScheduleSucceeded.")
    @SchemaFrom(type = ConditionSchema[].class)
    private List<Condition> conditions = new ArrayList<>();
    /** Number of workload groups. */
    @JsonPropertyDescription("Number of workload groups.")
    private Integer workPlacements;
    /** Groups that have at least one placement. */
    @JsonPropertyDescription("Number of workload groups placed on at least one Destination.")
    private Integer workPlacementsCreated;

    @Override
    public List<Condition> getConditions() {
        return conditions;
    }

    @Override
    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public Integer getWorkPlacements() {
        return workPlacements;
    }

    public void setWorkPlacements(Integer workPlacements) {
        this.workPlacements = workPlacements;
    }

    public Integer getWorkPlacementsCreated() {
        return workPlacementsCreated;
    }

    public void setWorkPlacementsCreated(Integer workPlacementsCreated) {
        this.workPlacementsCreated = workPlacementsCreated;
    }
}
