package dev.pledge.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An object kept exactly as the user wrote it (an embedded CRD, a dependency manifest, a pipeline). Its schema
 * preserves unknown fields, so the API server never prunes any of it.
 */
@PreserveUnknownFields
public class Unstructured {
    private final Map<String, Object> content = new LinkedHashMap<>();

    public Unstructured() {
    }

    public Unstructured(Map<String, Object> content) {
        this.content.putAll(content);
    }

    @JsonAnyGetter
    public Map<String, Object> asMap() {
        return content;
    }

    @JsonAnySetter
    public void set(String key, Object value) {
        content.put(key, value);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isEmpty() {
        return content.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Unstructured u && content.equals(u.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(content);
    }
}
