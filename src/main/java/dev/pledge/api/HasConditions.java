package dev.pledge.api;

import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** A status with Kubernetes conditions: every status of a kind Pledge reconciles. */
public interface HasConditions {
    List<Condition> getConditions();

    void setConditions(List<Condition> conditions);
}
