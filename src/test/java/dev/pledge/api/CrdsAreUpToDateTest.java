package dev.pledge.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pledge.yaml.Yaml;
import io.fabric8.crdv2.generator.CRDGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubernetes/crds/ is what users apply without building; it must be exactly what the model generates. To refresh
 * it after a model change: {@code ./mvnw package -DskipTests && cp target/kubernetes/<plural>.platform.kratix.io-v1.yml
 * kubernetes/crds/<plural>.platform.kratix.io.yaml}.
 */
class CrdsAreUpToDateTest {
    static final Path CHECKED_IN = Path.of("kubernetes/crds");
    static final List<Class<? extends io.fabric8.kubernetes.api.model.HasMetadata>> KINDS = List.of(Promise.class,
            Destination.class, GitStateStore.class, BucketStateStore.class, Work.class, WorkPlacement.class);

    @Test
    void checkedInCrdsMatchTheGeneratedOnes(@TempDir Path generated) throws IOException {
        new CRDGenerator().customResourceClasses(KINDS).forCRDVersions("v1").inOutputDir(generated.toFile()).generate();

        List<Path> produced;
        try (Stream<Path> files = Files.list(generated)) {
            produced = files.sorted().toList();
        }
        assertThat(produced).hasSize(KINDS.size());
        for (Path file : produced) {
            String name = file.getFileName().toString().replace("-v1.yml", ".yaml");
            Path checkedIn = CHECKED_IN.resolve(name);
            assertThat(checkedIn).as("checked-in CRD for " + name).exists();
            JsonNode expected = Yaml.documents(file).get(0);
            JsonNode actual = Yaml.documents(checkedIn).get(0);
            assertThat(actual).as(checkedIn + " differs from the generated CRD; refresh it (see this test's javadoc)")
                    .isEqualTo(expected);
        }
        try (Stream<Path> files = Files.list(CHECKED_IN)) {
            assertThat(files.count()).as("no stale CRDs in " + CHECKED_IN).isEqualTo(KINDS.size());
        }
    }
}
