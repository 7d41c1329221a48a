package dev.pledge.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pledge.api.Promise;
import dev.pledge.promise.PromiseApi;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import org.junit.jupiter.api.Test;

/** The grant Pledge gives itself per Promise API: exactly that API, bound to its own ServiceAccount, owned by the Promise. */
class ApiGrantsTest {
    static final PromiseApi.Identity API = new PromiseApi.Identity("databases.example.org", "example.org", "Database",
            "databases", "v1");

    @Test
    void theGrantNamesOnlyThePromiseApiItsStatusAndFinalizers() {
        var objects = ApiGrants.objectsFor(promise(), API, "kratix-platform-system", "pledge");
        ClusterRole role = (ClusterRole) objects.get(0);
        assertThat(role.getMetadata().getName()).isEqualTo("pledge-api-database");
        assertThat(role.getRules()).allSatisfy(rule -> {
            assertThat(rule.getApiGroups()).containsExactly("example.org");
            assertThat(rule.getVerbs()).noneMatch(v -> v.contains("*"));
        });
        assertThat(role.getRules()).flatExtracting(r -> r.getResources())
                .containsExactly("databases", "databases/status", "databases/finalizers");
        assertThat(role.getRules().get(0).getVerbs()).doesNotContain("create");
    }

    @Test
    void theBindingNamesPledgesOwnServiceAccountAndBothAreOwnedByThePromise() {
        var objects = ApiGrants.objectsFor(promise(), API, "platform", "pledge-sa");
        ClusterRoleBinding binding = (ClusterRoleBinding) objects.get(1);
        assertThat(binding.getRoleRef().getName()).isEqualTo("pledge-api-database");
        assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
            assertThat(s.getKind()).isEqualTo("ServiceAccount");
            assertThat(s.getNamespace()).isEqualTo("platform");
            assertThat(s.getName()).isEqualTo("pledge-sa");
        });
        assertThat(objects).allSatisfy(o -> assertThat(o.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> {
                    assertThat(owner.getKind()).isEqualTo("Promise");
                    assertThat(owner.getUid()).isEqualTo("uid-1");
                }));
    }

    static Promise promise() {
        Promise promise = new Promise();
        promise.setMetadata(new ObjectMetaBuilder().withName("database").withUid("uid-1").build());
        return promise;
    }
}
