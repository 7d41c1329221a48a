package dev.pledge.controller;

import dev.pledge.api.KratixLabels;
import dev.pledge.api.Work;
import dev.pledge.api.WorkPlacement;
import dev.pledge.api.WorkPlacementSpec;
import dev.pledge.api.WorkSpec;
import dev.pledge.scheduling.WorkloadGroup;
import dev.pledge.validation.KubernetesName;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/** The WorkPlacement that binds one workload group of a Work to one Destination, named and labelled as upstream. */
final class WorkPlacements {
    static final String REPO_CLEANUP_FINALIZER = "finalizers.workplacement.kratix.io/repo-cleanup";

    private WorkPlacements() {
    }

    /**
     * {@code <work>.<destination>-<first 5 characters of the group id>}, as upstream names it. A group id that is
     * shorter, or has characters a name cannot hold, is hashed first: a Work written by hand must not stop its
     * reconciler.
     */
    static String name(Work work, String destination, String groupId) {
        String id = groupId != null && NAME_SAFE_ID.matcher(groupId).matches() ? groupId
                : WorkloadGroup.idOf(String.valueOf(groupId));
        return work.getMetadata().getName() + "." + destination + "-" + id.substring(0, 5);
    }

    private static final java.util.regex.Pattern NAME_SAFE_ID = java.util.regex.Pattern.compile("[a-z0-9]{5}.*");

    static WorkPlacement desired(Work work, WorkSpec.WorkloadGroup group, String destination) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(KratixLabels.WORK, work.getMetadata().getName());
        labels.put(KratixLabels.WORKLOAD_GROUP_ID, group.getId());
        labels.put(KratixLabels.TARGET_DESTINATION_NAME, destination);
        String pipeline = work.getMetadata().getLabels() == null ? null
                : work.getMetadata().getLabels().get(KratixLabels.PIPELINE_NAME);
        if (pipeline != null) {
            labels.put(KratixLabels.PIPELINE_NAME, pipeline);
        }
        WorkPlacementSpec spec = new WorkPlacementSpec();
        spec.setTargetDestinationName(destination);
        spec.setWorkloads(group.getWorkloads());
        spec.setPromiseName(work.getSpec().getPromiseName());
        spec.setResourceName(work.getSpec().getResourceName());
        spec.setId(group.getId());
        spec.setGeneration(work.getMetadata().getGeneration());
        WorkPlacement placement = new WorkPlacement();
        placement.setMetadata(new ObjectMetaBuilder()
                .withName(name(work, destination, group.getId()))
                .withNamespace(work.getMetadata().getNamespace())
                // created with its finalizer, so the placement controller need not add it in a write of its own
                .withFinalizers(REPO_CLEANUP_FINALIZER)
                .withLabels(labels)
                .withAnnotations(work.getMetadata().getAnnotations())
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(work.getApiVersion())
                        .withKind(work.getKind()).withName(work.getMetadata().getName())
                        .withUid(work.getMetadata().getUid()).withController(true).withBlockOwnerDeletion(true).build())
                .build());
        placement.setSpec(spec);
        return placement;
    }

    /**
     * Why the Work's placements could not be created, or {@code null}: each carries the Work's name and its group's
     * id in label values, which hold at most 63 characters. Said on the Work at once, rather than as a rejected
     * write on every reconcile.
     */
    static String problem(Work work) {
        String nameProblem = KubernetesName.labelValueProblem(work.getMetadata().getName());
        if (nameProblem != null) {
            return "Work name " + nameProblem + "; its placements carry it in the " + KratixLabels.WORK + " label";
        }
        for (WorkSpec.WorkloadGroup group : work.getSpec().getWorkloadGroups()) {
            String idProblem = KubernetesName.labelValueProblem(group.getId());
            if (idProblem != null) {
                return "workload group id \"" + group.getId() + "\" " + idProblem + "; its placements carry it in the "
                        + KratixLabels.WORKLOAD_GROUP_ID + " label";
            }
        }
        return null;
    }

    static boolean isOrphaned(WorkPlacement placement) {
        return placement.getMetadata().getLabels() != null
                && "true".equals(placement.getMetadata().getLabels().get(KratixLabels.ORPHANED));
    }
}
