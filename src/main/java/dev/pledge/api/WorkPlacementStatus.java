package dev.pledge.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkPlacementStatus implements HasConditions {
    @JsonPropertyDescription("Observations of the placement: ScheduleSucceeded, WriteSucceeded and Ready.")
    @SchemaFrom(type = ConditionSchema[].class)
    private List<Condition> conditions = new ArrayList<>();
    /** Commit of the last write (Git) or a digest of the uploads (S3). */
    @JsonPropertyDescription("Git commit of the last write; for a bucket, a digest of the uploads.")
    @com.fasterxml.jackson.annotation.JsonProperty("versionID")
    private String versionID;
    /** Pledge only: where the workloads were written, so that a Destination path change can move them. */
    @JsonPropertyDescription("The Destination's spec.path the workloads were last written under (Pledge only); when the"
            + " Destination's path changes they are moved to the new one.")
    private String destinationPath;

    @Override
    public List<Condition> getConditions() {
        return conditions;
    }

    @Override
    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public String getVersionID() {
        return versionID;
    }

    public void setVersionID(String versionID) {
        this.versionID = versionID;
    }

    public String getDestinationPath() {
        return destinationPath;
    }

    public void setDestinationPath(String destinationPath) {
        this.destinationPath = destinationPath;
    }
}
