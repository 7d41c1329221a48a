package dev.pledge.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How kubernetes/crds/ is made from the model in {@code dev.pledge.api}: fabric8's CRD generator, then one step of
 * our own. The generator lists printer columns sorted by JSON path; kubectl shows them in the order they are listed,
 * so they are put back in the order the custom-resource class declares its {@link AdditionalPrinterColumn}s (which
 * is upstream's order).
 *
 * <p>To refresh the checked-in files after a model change:
 * {@code ./mvnw -B test -Dtest=CrdsAreUpToDateTest -DwriteCrds=true}.
 */
final class KratixCrdFiles {
    static final Path CHECKED_IN = Path.of("kubernetes/crds");
    static final List<Class<? extends CustomResource<?, ?>>> KINDS = List.of(Promise.class, Destination.class,
            GitStateStore.class, BucketStateStore.class, Work.class, WorkPlacement.class);
    private static final String HEADER = "# Generated from the classes in src/main/java/dev/pledge/api by"
            + " src/test/java/dev/pledge/api/KratixCrdFiles.java; do not edit.\n";

    private KratixCrdFiles() {
    }

    /** File name in kubernetes/crds/ to the CRD the model generates for it. */
    static Map<String, CustomResourceDefinition> generate(Path workDir) {
        new CRDGenerator().customResourceClasses(List.copyOf(KINDS)).forCRDVersions("v1")
                .inOutputDir(workDir.toFile()).generate();
        Map<String, CustomResourceDefinition> crds = new LinkedHashMap<>();
        for (Class<? extends CustomResource<?, ?>> kind : KINDS) {
            String name = HasMetadata.getFullResourceName(kind);
            CustomResourceDefinition crd = read(workDir.resolve(name + "-v1.yml"));
            inDeclaredColumnOrder(crd, kind);
            crds.put(name + ".yaml", crd);
        }
        return crds;
    }

    static CustomResourceDefinition read(Path file) {
        try {
            return Serialization.unmarshal(Files.readString(file), CustomResourceDefinition.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Map<String, CustomResourceDefinition> crds, Path dir) throws IOException {
        for (var crd : crds.entrySet()) {
            Files.writeString(dir.resolve(crd.getKey()), HEADER + Serialization.asYaml(crd.getValue()));
        }
    }

    private static void inDeclaredColumnOrder(CustomResourceDefinition crd, Class<?> kind) {
        List<String> declared = Arrays.stream(kind.getAnnotationsByType(AdditionalPrinterColumn.class))
                .map(AdditionalPrinterColumn::name).toList();
        for (var version : crd.getSpec().getVersions()) {
            if (version.getAdditionalPrinterColumns() != null) {
                version.getAdditionalPrinterColumns().sort(
                        Comparator.comparingInt((CustomResourceColumnDefinition c) -> declared.indexOf(c.getName())));
            }
        }
    }
}
