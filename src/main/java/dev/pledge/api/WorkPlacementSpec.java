package dev.pledge.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkPlacementSpec {
    @JsonPropertyDescription("The Destination these documents are written to.")
    private String targetDestinationName;
    @JsonPropertyDescription("The documents to write, as in the Work.")
    private List<Workload> workloads = new ArrayList<>();
    @JsonPropertyDescription("The Promise the documents belong to.")
    private String promiseName;
    @JsonPropertyDescription("The resource request the documents belong to; empty for a Promise's own documents.")
    private String resourceName;
    /** The workload group's id. */
    @JsonPropertyDescription("Id of the workload group this placement carries.")
    private String id;
    /** Generation of the Work this placement was made from. */
    @JsonPropertyDescription("Generation of the Work this placement was copied from.")
    private Long generation;

    public String getTargetDestinationName() {
        return targetDestinationName;
    }

    public void setTargetDestinationName(String targetDestinationName) {
        this.targetDestinationName = targetDestinationName;
    }

    public List<Workload> getWorkloads() {
        return workloads;
    }

    public void setWorkloads(List<Workload> workloads) {
        this.workloads = workloads;
    }

    public String getPromiseName() {
        return promiseName;
    }

    public void setPromiseName(String promiseName) {
        this.promiseName = promiseName;
    }

    public String getResourceName() {
        return resourceName;
    }

    public void setResourceName(String resourceName) {
        this.resourceName = resourceName;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public Long getGeneration() {
        return generation;
    }

    public void setGeneration(Long generation) {
        this.generation = generation;
    }
}
