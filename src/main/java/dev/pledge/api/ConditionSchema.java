package dev.pledge.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The schema of a status condition as the CRDs publish it, with a description per field. Objects still carry
 * fabric8's {@link io.fabric8.kubernetes.api.model.Condition}; their {@code conditions} fields take
 * their schema from this class ({@code @SchemaFrom}), so that {@code kubectl explain} can describe conditions.
 */
public final class ConditionSchema {
    @JsonPropertyDescription("What the condition is about, for example Ready.")
    public String type;
    @JsonPropertyDescription("True, False or Unknown.")
    public String status;
    @JsonPropertyDescription("A CamelCase word a program can match on, saying why the status is what it is.")
    public String reason;
    @JsonPropertyDescription("A sentence for people, with the details behind the reason.")
    public String message;
    @JsonPropertyDescription("When the status last changed.")
    public String lastTransitionTime;
    @JsonPropertyDescription("The generation of the object that the condition was observed at.")
    public Long observedGeneration;

    private ConditionSchema() {
    }
}
