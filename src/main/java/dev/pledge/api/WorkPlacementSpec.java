package dev.pledge.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkPlacementSpec {
    private String targetDestinationName;
    private List<Workload> workloads = new ArrayList<>();
    private String promiseName;
    private String resourceName;
    /** The workload group's id. */
    private String id;
    /** Generation of the Work this placement was made from. */
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
