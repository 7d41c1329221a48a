package dev.pledge.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pledge.yaml.Yaml;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubernetes/crds/ is what users apply without building; it must be exactly what {@link KratixCrdFiles} makes from
 * the model. With {@code -DwriteCrds=true} this test writes the files instead of comparing (see
 * {@link KratixCrdFiles}).
 */
class CrdsAreUpToDateTest {

    @Test
    void checkedInCrdsMatchTheGeneratedOnes(@TempDir Path workDir) throws IOException {
        Map<String, CustomResourceDefinition> generated = KratixCrdFiles.generate(workDir);
        if (Boolean.getBoolean("writeCrds")) {
            KratixCrdFiles.write(generated, KratixCrdFiles.CHECKED_IN);
        }
        for (var crd : generated.entrySet()) {
            Path checkedIn = KratixCrdFiles.CHECKED_IN.resolve(crd.getKey());
            assertThat(checkedIn).as("checked-in CRD for " + crd.getKey()).exists();
            JsonNode expected = Yaml.documents(Serialization.asYaml(crd.getValue())).get(0);
            JsonNode actual = Yaml.documents(checkedIn).get(0);
            assertThat(actual).as(checkedIn + " differs from the generated CRD; refresh it (see KratixCrdFiles)")
                    .isEqualTo(expected);
        }
        try (Stream<Path> files = Files.list(KratixCrdFiles.CHECKED_IN)) {
            assertThat(files.count()).as("no stale CRDs in " + KratixCrdFiles.CHECKED_IN)
                    .isEqualTo(KratixCrdFiles.KINDS.size());
        }
    }
}
