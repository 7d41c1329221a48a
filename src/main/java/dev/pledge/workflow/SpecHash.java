package dev.pledge.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.pledge.api.Kratix;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The desired-state hash a workflow's Jobs are labelled with ({@code kratix.io/hash}): md5 hex of the JSON of a
 * spec with keys sorted, so equal specs always hash equally. A resource request's hash covers its Promise's spec
 * too, so any change to the Promise re-runs every request's workflow.
 */
public final class SpecHash {
    private static final ObjectMapper SORTED = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private SpecHash() {
    }

    public static String of(Object spec) {
        try {
            return Kratix.md5(SORTED.writeValueAsString(SORTED.valueToTree(spec)));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("spec cannot be hashed: " + e.getOriginalMessage());
        }
    }

    public static String ofResource(Object promiseSpec, Object resourceSpec) {
        return Kratix.md5(of(promiseSpec) + "-" + of(resourceSpec));
    }
}
