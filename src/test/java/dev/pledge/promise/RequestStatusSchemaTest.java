package dev.pledge.promise;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pledge.api.ResourceRequestStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The status schema Pledge installs with every Promise API declares the fields of the typed request status. */
class RequestStatusSchemaTest {

    @Test
    void theApiCrdDeclaresEveryFieldOfResourceRequestStatus() {
        JsonNode properties = PromiseApi.statusSchema().get("properties");
        List<String> declared = new ArrayList<>();
        properties.fieldNames().forEachRemaining(declared::add);

        assertThat(declared).containsAll(ResourceRequestStatus.WRITERS.keySet());
        assertThat(PromiseApi.statusSchema().get("x-kubernetes-preserve-unknown-fields").asBoolean())
                .as("a pipeline's own status keys are kept").isTrue();
    }
}
