package dev.pledge.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkSpec {
    @JsonPropertyDescription("When the workflow that produced this Work ran.")
    private String lastExecutionTimestamp;
    @JsonPropertyDescription("The Promise this Work belongs to.")
    private String promiseName;
    /** Empty for dependencies and promise-workflow output; the request's name for resource-workflow output. */
    @JsonPropertyDescription("The resource request this Work was produced for; empty for a Promise's own documents.")
    private String resourceName;
    @JsonPropertyDescription("The documents, grouped by the top-level directory they were written to; each group is scheduled on its own.")
    private List<WorkloadGroup> workloadGroups = new ArrayList<>();

    public String getLastExecutionTimestamp() {
        return lastExecutionTimestamp;
    }

    public void setLastExecutionTimestamp(String lastExecutionTimestamp) {
        this.lastExecutionTimestamp = lastExecutionTimestamp;
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

    public List<WorkloadGroup> getWorkloadGroups() {
        return workloadGroups;
    }

    public void setWorkloadGroups(List<WorkloadGroup> workloadGroups) {
        this.workloadGroups = workloadGroups;
    }

    /** The documents of one directory of the output, scheduled together. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class WorkloadGroup {
        /** md5 hex of the directory. */
        @JsonPropertyDescription("md5 hex digest of the directory, naming the group.")
        private String id;
        /** "." for the root group, else one top-level directory name. */
        @JsonPropertyDescription("'.' for documents at the root of the output, else the one top-level directory they are in.")
        private String directory;
        @JsonPropertyDescription("The documents of this group.")
        private List<Workload> workloads = new ArrayList<>();
        @JsonPropertyDescription("Selectors a Destination must match to receive this group, with where each came from.")
        private List<WorkloadGroupSelector> destinationSelectors = new ArrayList<>();

        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public String getDirectory() {
            return directory;
        }

        public void setDirectory(String directory) {
            this.directory = directory;
        }

        public List<Workload> getWorkloads() {
            return workloads;
        }

        public void setWorkloads(List<Workload> workloads) {
            this.workloads = workloads;
        }

        public List<WorkloadGroupSelector> getDestinationSelectors() {
            return destinationSelectors;
        }

        public void setDestinationSelectors(List<WorkloadGroupSelector> destinationSelectors) {
            this.destinationSelectors = destinationSelectors;
        }
    }

    /** A selector and where it came from: promise, promise-workflow or resource-workflow. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class WorkloadGroupSelector {
        @JsonPropertyDescription("Label pairs a Destination must all carry to match.")
        private java.util.Map<String, String> matchLabels;
        @JsonPropertyDescription("Where the selector came from: promise, promise-workflow or resource-workflow.")
        private String source;

        public WorkloadGroupSelector() {
        }

        public WorkloadGroupSelector(java.util.Map<String, String> matchLabels, String source) {
            this.matchLabels = matchLabels;
            this.source = source;
        }

        public java.util.Map<String, String> getMatchLabels() {
            return matchLabels;
        }

        public void setMatchLabels(java.util.Map<String, String> matchLabels) {
            this.matchLabels = matchLabels;
        }

        public String getSource() {
            return source;
        }

        public void setSource(String source) {
            this.source = source;
        }
    }
}
