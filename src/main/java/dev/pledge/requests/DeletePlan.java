package dev.pledge.requests;

import java.util.List;

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

    /** Delete the request's Works (their placements and files go with them) and wait until they are gone. */
    record DeleteWorks() implements DeletePlan {
    }

    /** Let the request go: these finalizers are done. */
    record RemoveFinalizers(List<String> finalizers) implements DeletePlan {
    }
}
