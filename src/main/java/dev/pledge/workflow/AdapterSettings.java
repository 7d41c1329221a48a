package dev.pledge.workflow;

import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.List;

/**
 * How pipeline Jobs are built on this installation: the image and command of Pledge's own pipeline adapter, and
 * the defaults applied to user containers that do not set their own.
 */
public record AdapterSettings(String image, List<String> command, String pullSecret, Integer defaultBackoffLimit,
        SecurityContext defaultSecurityContext, String defaultImagePullPolicy, ResourceRequirements defaultResources) {
}
