package dev.pledge.workflow;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;

/**
 * Everything one pipeline run needs in the cluster, created in this order: the ServiceAccount (absent when the
 * pipeline names its own), the scheduling ConfigMap (configure only), the RBAC objects, then the Job.
 */
public record PipelineResources(ServiceAccount serviceAccount, ConfigMap schedulingConfigMap, List<HasMetadata> rbac,
        Job job) {
}
