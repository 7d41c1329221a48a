package dev.pledge.requests;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What a reconcile of a request being deleted does next. */
public sealed interface DeletePlan {
    /** Start the request's delete pipeline (its first and only one). */
    record StartDeletePipeline() implements DeletePlan {
    }

    /** The delete pipeline's Job is running: wait for it. */
    record WaitForDeletePipeline() implements DeletePlan {
    }

    /** The delete pipeline failed: say so and keep the request (its finalizer stays). */
    record DeletePipelineFailed(String job) implements DeletePlan {
    }

    /**
     * The delete pipeline suspended the deletion (workflow-control.yaml): its Works stay, nothing starts, and
     * DeleteWorkflowCompleted says DeleteWorkflowSuspended.
     *
     * @param retryAt when a retry falls due, or null (only removing the label resumes)
     * @param statusPatch the condition to write, or null when the request already says so
     */
    record DeletePipelineSuspended(Instant retryAt, Map<String, Object> statusPatch) implements DeletePlan {
    }

    /** The delete pipeline's retry is due: remove the suspended-workflow label; the pipeline then runs again. */
    record RetryDeletePipeline() implements DeletePlan {
    }

    /**
     * The label went while the delete pipeline's entry is still Suspended: mark it Running (so a Job cache that is
     * behind never starts it twice) and run the delete pipeline again.
     */
    record RerunDeletePipeline(Map<String, Object> statusPatch) implements DeletePlan {
    }

    /** Delete the request's Works (their placements and files go with them) and wait until they are gone. */
    record DeleteWorks() implements DeletePlan {
    }

    /** Let the request go: these finalizers are done. */
    record RemoveFinalizers(List<String> finalizers) implements DeletePlan {
    }
}
