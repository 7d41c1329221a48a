package dev.pledge.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkSpec {
    private String lastExecutionTimestamp;
    private String promiseName;
    /** Empty for dependencies and promise-workflow output; the request's name for resource-workflow output. */
    private String resourceName;
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
        private String id;
        /** "." for the root group, else one top-level directory name. */
        private String directory;
        private List<Workload> workloads = new ArrayList<>();
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
        private java.util.Map<String, String> matchLabels;
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
