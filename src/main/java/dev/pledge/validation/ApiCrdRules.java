package dev.pledge.validation;

import dev.pledge.api.Unstructured;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the CustomResourceDefinition in a Promise's {@code spec.api} must look like. */
final class ApiCrdRules {

    private ApiCrdRules() {
    }

    static List<String> problems(Unstructured api) {
        Map<String, Object> crd = api.asMap();
        List<String> problems = new ArrayList<>();
        // Kratix decodes spec.api as an apiextensions.k8s.io/v1 CRD whatever apiVersion it states, and
        // marketplace Promises rely on that; only the kind must be right.
        if (!"CustomResourceDefinition".equals(crd.get("kind"))) {
            problems.add("spec.api must be a CustomResourceDefinition, found kind " + crd.get("kind"));
            return problems;
        }
        Map<?, ?> spec = crd.get("spec") instanceof Map<?, ?> m ? m : Map.of();
        if (!"Namespaced".equals(spec.get("scope"))) {
            problems.add("spec.api: promise api needs to be namespace scoped (spec.scope is "
                    + (spec.get("scope") == null ? "unset" : spec.get("scope")) + ", must be Namespaced)");
        }
        Map<?, ?> names = spec.get("names") instanceof Map<?, ?> m ? m : Map.of();
        String group = spec.get("group") instanceof String s ? s : "";
        String plural = names.get("plural") instanceof String s ? s : "";
        if (group.isEmpty() || plural.isEmpty() || !(names.get("kind") instanceof String)) {
            problems.add("spec.api: spec.group, spec.names.plural and spec.names.kind are required");
        } else {
            Map<?, ?> metadata = crd.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
            String expected = plural + "." + group;
            if (!expected.equals(metadata.get("name"))) {
                problems.add("spec.api: metadata.name must be \"" + expected + "\" (<plural>.<group>), found \""
                        + metadata.get("name") + "\"");
            }
        }
        List<?> versions = spec.get("versions") instanceof List<?> l ? l : List.of();
        if (versions.isEmpty()) {
            problems.add("spec.api: spec.versions is empty; the API needs one version marked storage: true");
        } else if (versions.stream().noneMatch(v -> v instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("storage")))) {
            problems.add("spec.api: no version has storage: true; mark exactly one version as the storage version");
        }
        return problems;
    }
}
