package dev.pledge.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;

/** Reference to the Secret that holds a state store's credentials. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretRef {
    @JsonPropertyDescription("Name of the Secret.")
    private String name;
    @JsonPropertyDescription("Namespace of the Secret.")
    @Default("default")
    private String namespace;

    public SecretRef() {
    }

    public SecretRef(String name, String namespace) {
        this.name = name;
        this.namespace = namespace;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }
}
