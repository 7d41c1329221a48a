package dev.pledge.controller;

import dev.pledge.api.KratixLabels;
import dev.pledge.api.Work;
import dev.pledge.api.WorkPlacement;
import dev.pledge.api.WorkflowAction;
import dev.pledge.api.WorkflowType;
import dev.pledge.operator.LeanCache;
import dev.pledge.promise.PromiseApi;
import dev.pledge.requests.FailedAttempts;
import dev.pledge.workflow.WorkflowProgress.JobState;
import dev.pledge.workflow.WorkflowProgress.JobSummary;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Every informer the resource-request controllers read, created here and nowhere else: one each for pipeline
 * Jobs, Works and WorkPlacements shared by all Promises (indexed by the request they belong to), and one per
 * Promise API for its requests. A reconcile reads these caches only; it never lists.
 */
final class RequestInformers implements AutoCloseable {
    private static final String BY_REQUEST = "request";
    private static final String BY_PROMISE = "promise";
    private static final String BY_WORK = "work";
    private static final String BY_JOB = "job";
    private static final String JOB_NAME = "batch.kubernetes.io/job-name";
    private static final String LEGACY_JOB_NAME = "job-name";

    private final KubernetesClient client;
    private final SharedIndexInformer<Job> jobs;
    private final SharedIndexInformer<Work> works;
    private final SharedIndexInformer<WorkPlacement> placements;
    private final SharedIndexInformer<Pod> pods;

    /** Which request an object belongs to: {@code promise} and the request's {@code namespace/name}. */
    record RequestRef(String promise, String key) {
    }

    /**
     * @param changed told of every Job, Work and WorkPlacement event, with the request it belongs to and whether
     *        a Job of it stopped running (a rollout slot may be free)
     */
    RequestInformers(KubernetesClient client, Changes changed) {
        this.client = client;
        this.jobs = LeanCache.statusOnlyOn(client.batch().v1().jobs().inAnyNamespace()
                .withLabel(KratixLabels.MANAGED_BY, KratixLabels.MANAGED_BY_KRATIX)
                .withLabel(KratixLabels.WORKFLOW_TYPE, WorkflowType.RESOURCE.value())
                .runnableInformer(0));
        jobs.addIndexers(Map.of(
                BY_REQUEST, job -> ref(job) == null ? List.of() : List.of(index(ref(job))),
                BY_PROMISE, job -> List.of(String.valueOf(label(job, KratixLabels.PROMISE_NAME)))));
        jobs.addEventHandler(handler(job -> {
            RequestRef ref = ref(job);
            if (ref != null) {
                changed.job(ref, WorkflowRunner.state(job) != JobState.RUNNING);
            }
        }));
        // the Pods of request pipeline Jobs only (they carry the Job's labels): a failed one is a failed attempt
        this.pods = LeanCache.statusOnlyOn(client.pods().inAnyNamespace()
                .withLabel(KratixLabels.MANAGED_BY, KratixLabels.MANAGED_BY_KRATIX)
                .withLabel(KratixLabels.WORKFLOW_TYPE, WorkflowType.RESOURCE.value())
                .runnableInformer(0));
        pods.addIndexers(Map.of(BY_JOB, pod -> jobOf(pod) == null ? List.of()
                : List.of(pod.getMetadata().getNamespace() + "/" + jobOf(pod))));
        pods.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                if (failed(pod)) {
                    attemptFailed(pod, changed);
                }
            }

            @Override
            public void onUpdate(Pod before, Pod after) {
                if (failed(after) && !failed(before) || restarts(after) > restarts(before)) {
                    attemptFailed(after, changed);
                }
            }

            @Override
            public void onDelete(Pod pod, boolean unknownFinalState) {
            }
        });
        this.works = LeanCache.on(client.resources(Work.class).inAnyNamespace().withLabel(KratixLabels.PROMISE_NAME)
                .runnableInformer(0));
        works.addIndexers(Map.of(
                BY_REQUEST, work -> workRef(work) == null ? List.of() : List.of(index(workRef(work))),
                BY_PROMISE, work -> KratixLabels.WORK_TYPE_PROMISE.equals(label(work, KratixLabels.WORK_TYPE))
                        ? List.of(label(work, KratixLabels.PROMISE_NAME)) : List.of()));
        works.addEventHandler(handler(work -> {
            RequestRef ref = workRef(work);
            if (ref != null) {
                changed.placement(ref);
            }
        }));
        this.placements = LeanCache.on(client.resources(WorkPlacement.class).inAnyNamespace().runnableInformer(0));
        placements.addIndexers(Map.of(BY_WORK, p -> label(p, KratixLabels.WORK) == null ? List.of()
                : List.of(p.getMetadata().getNamespace() + "/" + label(p, KratixLabels.WORK))));
        placements.addEventHandler(handler(placement -> {
            String work = label(placement, KratixLabels.WORK);
            Work owner = work == null ? null : works.getStore().getByKey(placement.getMetadata().getNamespace() + "/" + work);
            RequestRef ref = owner == null ? null : workRef(owner);
            if (ref != null) {
                changed.placement(ref);
            }
        }));
    }

    /** Where the caches' events go. */
    interface Changes {
        void job(RequestRef request, boolean stoppedRunning);

        void placement(RequestRef request);
    }

    /** Starts the shared informers and waits until their caches are filled. */
    void start() {
        jobs.run();
        pods.run();
        works.run();
        placements.run();
    }

    /** The informer of one Promise's requests; the caller adds its handler and runs it. */
    SharedIndexInformer<GenericKubernetesResource> requests(PromiseApi.Identity api) {
        return client.genericKubernetesResources(ResourceRequests.definition(api)).inAnyNamespace().runnableInformer(0);
    }

    /** The request's Jobs of one action. */
    List<JobSummary> jobs(String promise, String key, WorkflowAction action) {
        return jobs.getIndexer().byIndex(BY_REQUEST, index(new RequestRef(promise, key))).stream()
                .filter(j -> action.value().equals(label(j, KratixLabels.WORKFLOW_ACTION)))
                .map(WorkflowRunner::summary)
                .toList();
    }

    /**
     * The failed attempts of each of the request's Jobs that has any, by Job name: its failed Pods
     * ({@code restartPolicy: Never}) plus the container restarts of its other Pods ({@code OnFailure}, the default).
     */
    Map<String, FailedAttempts> failedAttempts(String promise, String key) {
        Map<String, FailedAttempts> attempts = new HashMap<>();
        for (Job job : jobs.getIndexer().byIndex(BY_REQUEST, index(new RequestRef(promise, key)))) {
            List<Pod> jobPods = pods.getIndexer().byIndex(BY_JOB,
                    job.getMetadata().getNamespace() + "/" + job.getMetadata().getName());
            List<Pod> failed = jobPods.stream().filter(RequestInformers::failed).toList();
            int restarts = jobPods.stream().filter(p -> !failed(p)).mapToInt(RequestInformers::restarts).sum();
            if (failed.isEmpty() && restarts == 0) {
                continue;
            }
            String message = jobPods.stream().filter(p -> !failed(p) && restarts(p) > 0)
                    .map(RequestInformers::lastRestartFailure).filter(m -> m != null).findFirst()
                    .orElseGet(() -> failed.stream()
                            .max(Comparator.comparing((Pod pod) -> String.valueOf(pod.getMetadata().getCreationTimestamp()))
                                    .thenComparing(pod -> pod.getMetadata().getName()))
                            .map(WorkflowRunner::failureOf).orElse(null));
            attempts.put(job.getMetadata().getName(), new FailedAttempts(failed.size() + restarts, message));
        }
        return attempts;
    }

    private static List<ContainerStatus> containerStatuses(Pod pod) {
        List<ContainerStatus> statuses = new ArrayList<>();
        if (pod.getStatus() != null) {
            statuses.addAll(pod.getStatus().getInitContainerStatuses());
            statuses.addAll(pod.getStatus().getContainerStatuses());
        }
        return statuses;
    }

    private static int restarts(Pod pod) {
        return containerStatuses(pod).stream().mapToInt(s -> s.getRestartCount() == null ? 0 : s.getRestartCount())
                .sum();
    }

    /** Why a restarted container of a running Pod ended last time: its name and exit code. */
    private static String lastRestartFailure(Pod pod) {
        return containerStatuses(pod).stream()
                .filter(s -> s.getRestartCount() != null && s.getRestartCount() > 0 && s.getLastState() != null
                        && s.getLastState().getTerminated() != null
                        && s.getLastState().getTerminated().getExitCode() != null
                        && s.getLastState().getTerminated().getExitCode() != 0)
                .findFirst()
                .map(s -> "container " + s.getName() + " exited with code "
                        + s.getLastState().getTerminated().getExitCode()
                        + (s.getLastState().getTerminated().getMessage() == null ? ""
                                : ": " + s.getLastState().getTerminated().getMessage()))
                .orElse(null);
    }

    private void attemptFailed(Pod pod, Changes changed) {
        String job = jobOf(pod);
        Job owner = job == null ? null : jobs.getStore().getByKey(pod.getMetadata().getNamespace() + "/" + job);
        RequestRef ref = owner == null ? null : ref(owner);
        if (ref != null) {
            changed.job(ref, false);
        }
    }

    private static boolean failed(Pod pod) {
        return pod.getStatus() != null && "Failed".equals(pod.getStatus().getPhase());
    }

    private static String jobOf(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return labels == null ? null : labels.getOrDefault(JOB_NAME, labels.get(LEGACY_JOB_NAME));
    }

    /** Requests of the Promise with a configure Job running, as {@code namespace/name}. */
    Set<String> runningConfigure(String promise) {
        return jobs.getIndexer().byIndex(BY_PROMISE, promise).stream()
                .filter(j -> WorkflowAction.CONFIGURE.value().equals(label(j, KratixLabels.WORKFLOW_ACTION)))
                .filter(j -> WorkflowRunner.state(j) == JobState.RUNNING)
                .map(RequestInformers::ref)
                .filter(r -> r != null)
                .map(RequestRef::key)
                .collect(Collectors.toSet());
    }

    /** The request's Works. */
    List<Work> works(String promise, String key) {
        return works.getIndexer().byIndex(BY_REQUEST, index(new RequestRef(promise, key)));
    }

    /** The Destinations the request's Works were placed on, sorted. */
    List<String> destinations(String promise, String key) {
        Set<String> destinations = new TreeSet<>();
        for (Work work : works(promise, key)) {
            placements.getIndexer().byIndex(BY_WORK, work.getMetadata().getNamespace() + "/" + work.getMetadata().getName())
                    .forEach(p -> destinations.add(p.getSpec().getTargetDestinationName()));
        }
        return new ArrayList<>(destinations);
    }

    /** The Works the Promise's own configure workflow wrote. */
    List<Work> promiseWorks(String promise) {
        return works.getIndexer().byIndex(BY_PROMISE, promise);
    }

    private static String index(RequestRef ref) {
        return ref.promise() + "|" + ref.key();
    }

    private static RequestRef ref(Job job) {
        String promise = label(job, KratixLabels.PROMISE_NAME);
        Map<String, String> annotations = job.getMetadata().getAnnotations();
        String name = annotations == null ? null : annotations.get(KratixLabels.JOB_RESOURCE_NAME);
        if (promise == null || name == null) {
            return null;
        }
        return new RequestRef(promise, annotations.getOrDefault(KratixLabels.JOB_RESOURCE_NAMESPACE, "") + "/" + name);
    }

    /** A request's Work names it by label; its namespace is the Work's unless the pipeline ran elsewhere. */
    private static RequestRef workRef(Work work) {
        String promise = label(work, KratixLabels.PROMISE_NAME);
        String name = label(work, KratixLabels.RESOURCE_NAME);
        if (promise == null || name == null || name.isEmpty()) {
            return null;
        }
        String namespace = label(work, KratixLabels.RESOURCE_NAMESPACE);
        return new RequestRef(promise, (namespace == null ? work.getMetadata().getNamespace() : namespace) + "/" + name);
    }

    private static String label(HasMetadata object, String key) {
        return object.getMetadata().getLabels() == null ? null : object.getMetadata().getLabels().get(key);
    }

    private static <T> ResourceEventHandler<T> handler(Consumer<T> changed) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                changed.accept(object);
            }

            @Override
            public void onUpdate(T before, T after) {
                changed.accept(after);
            }

            @Override
            public void onDelete(T object, boolean unknownFinalState) {
                changed.accept(object);
            }
        };
    }

    @Override
    public void close() {
        jobs.stop();
        pods.stop();
        works.stop();
        placements.stop();
    }
}
