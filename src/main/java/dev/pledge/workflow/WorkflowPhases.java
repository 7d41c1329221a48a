package dev.pledge.workflow;

import dev.pledge.workflow.WorkflowProgress.Step;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The phase of every pipeline of a workflow (Pending, Running, Succeeded, Failed), from its next step. */
public final class WorkflowPhases {
    public static final String PENDING = "Pending";
    public static final String RUNNING = "Running";
    public static final String SUCCEEDED = "Succeeded";
    public static final String FAILED = "Failed";
    /** Set by the status writer when the pipeline's workflow-control file suspended the workflow or asked for a retry. */
    public static final String SUSPENDED = "Suspended";

    private WorkflowPhases() {
    }

    /**
     * @param current the pipeline the step is about (the one started, waited for or failed); null when done
     * @param deferred the step is a new run that has not been allowed to start yet
     */
    public static Map<String, String> of(List<String> pipelines, Step step, String current, boolean deferred) {
        Map<String, String> phases = new LinkedHashMap<>();
        int at = current == null ? -1 : pipelines.indexOf(current);
        for (int i = 0; i < pipelines.size(); i++) {
            String phase;
            if (step instanceof Step.Done) {
                phase = SUCCEEDED;
            } else if (deferred || at < 0 || i > at) {
                phase = PENDING;
            } else if (i < at) {
                phase = SUCCEEDED;
            } else {
                phase = step instanceof Step.Failed ? FAILED : RUNNING;
            }
            phases.put(pipelines.get(i), phase);
        }
        return phases;
    }
}
