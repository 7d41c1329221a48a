package dev.pledge.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * The schema the Promise CRD publishes for {@code spec.api}: still every field kept as written, but the few fields
 * the admission rules read are declared, because the API server's CEL rules cannot see undeclared fields. The rules
 * are those of {@code validation.ApiCrdRules}, with the same messages; a Promise object still carries
 * {@link Unstructured} ({@code @SchemaFrom}).
 */
@PreserveUnknownFields
@ValidationRule(value = "!has(self.kind) ? !has(self.spec) : self.kind == 'CustomResourceDefinition'",
        messageExpression = "'must be a CustomResourceDefinition, found kind ' + (has(self.kind) ? self.kind : 'null')")
@ValidationRule(value = PromiseApiSchema.NOT_A_CRD + "(has(self.spec) && has(self.spec.scope) && self.spec.scope == 'Namespaced')",
        messageExpression = "'promise api needs to be namespace scoped (spec.scope is ' + (has(self.spec) && has(self.spec.scope) ? self.spec.scope : 'unset') + ', must be Namespaced)'")
@ValidationRule(value = PromiseApiSchema.NOT_A_CRD + "(has(self.spec) && has(self.spec.group) && self.spec.group != ''"
        + " && has(self.spec.names) && has(self.spec.names.plural) && self.spec.names.plural != '' && has(self.spec.names.kind))",
        message = "spec.group, spec.names.plural and spec.names.kind are required")
@ValidationRule(value = PromiseApiSchema.NOT_A_CRD + "!has(self.spec) || !has(self.spec.group) || !has(self.spec.names)"
        + " || !has(self.spec.names.plural) || (has(self.metadata) && has(self.metadata.name)"
        + " && self.metadata.name == self.spec.names.plural + '.' + self.spec.group)",
        messageExpression = "'metadata.name must be \"' + self.spec.names.plural + '.' + self.spec.group"
                + " + '\" (<plural>.<group>), found \"' + (has(self.metadata) && has(self.metadata.name) ? self.metadata.name : 'null') + '\"'")
@ValidationRule(value = PromiseApiSchema.NOT_A_CRD + "(has(self.spec) && has(self.spec.versions) && size(self.spec.versions) > 0)",
        message = "spec.versions is empty; the API needs one version marked storage: true")
@ValidationRule(value = PromiseApiSchema.NOT_A_CRD + "!has(self.spec) || !has(self.spec.versions) || size(self.spec.versions) == 0"
        + " || self.spec.versions.exists(v, has(v.storage) && v.storage)",
        message = "no version has storage: true; mark exactly one version as the storage version")
@ValidationRule(value = "!has(oldSelf.metadata) || !has(oldSelf.metadata.name)"
        + " || (has(self.metadata) && has(self.metadata.name) && self.metadata.name == oldSelf.metadata.name)",
        messageExpression = "'the API of an installed Promise cannot be renamed: metadata.name was \"' + oldSelf.metadata.name"
                + " + '\"; delete the Promise and create it again to rename its API'")
@ValidationRule(value = "!has(oldSelf.spec) || !has(oldSelf.spec.names)"
        + " || (has(self.spec) && has(self.spec.names) && self.spec.names == oldSelf.spec.names)",
        message = "spec.names of an installed Promise's API cannot change (the API server keeps a CRD's names);"
                + " delete the Promise and create it again to change them")
public final class PromiseApiSchema {
    /** The rules about a CRD's shape apply only once the object says it is one (the first rule says so). */
    static final String NOT_A_CRD = "!has(self.kind) || self.kind != 'CustomResourceDefinition' || ";

    @JsonPropertyDescription("CustomResourceDefinition.")
    public String kind;
    @JsonPropertyDescription("The CRD's metadata; its name must be <plural>.<group>.")
    public Metadata metadata;
    @JsonPropertyDescription("The CRD's spec: group, names, scope (Namespaced) and versions.")
    public Spec spec;

    private PromiseApiSchema() {
    }

    @PreserveUnknownFields
    public static final class Metadata {
        @JsonPropertyDescription("<plural>.<group> of the API.")
        public String name;
    }

    @PreserveUnknownFields
    public static final class Spec {
        @JsonPropertyDescription("API group of the resource requests.")
        public String group;
        @JsonPropertyDescription("Must be Namespaced: resource requests live in namespaces.")
        public String scope;
        @JsonPropertyDescription("Plural and kind of the resource requests.")
        public Names names;
        @JsonPropertyDescription("Versions of the API; one has storage: true.")
        @Size(max = 32)
        public List<Version> versions;
    }

    @PreserveUnknownFields
    public static final class Names {
        @JsonPropertyDescription("Plural name of the API's resource.")
        public String plural;
        @JsonPropertyDescription("Singular name of the API's resource.")
        public String singular;
        @JsonPropertyDescription("Kind of the API's resource requests.")
        public String kind;
        @JsonPropertyDescription("Kind of a list of the API's resource requests.")
        public String listKind;
        @JsonPropertyDescription("Short names kubectl accepts for the resource.")
        @Size(max = 32)
        public List<String> shortNames;
        @JsonPropertyDescription("Groups of resources (such as all) the resource belongs to.")
        @Size(max = 32)
        public List<String> categories;
    }

    @PreserveUnknownFields
    public static final class Version {
        @JsonPropertyDescription("Name of the version, for example v1.")
        public String name;
        @JsonPropertyDescription("True for the one version objects are stored at.")
        public Boolean storage;
    }
}
