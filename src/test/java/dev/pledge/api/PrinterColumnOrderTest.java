package dev.pledge.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pledge.yaml.Yaml;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code kubectl get} shows the columns upstream Kratix shows, in upstream's order (the CRD generator alone would
 * sort them by JSON path). Read from the checked-in CRDs, which is what users apply.
 */
class PrinterColumnOrderTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "promises                | Status, Kind, API Version, Version, Message",
            "destinations            | StateStoreKind, StateStoreName, Ready",
            "gitstatestores          | URL, Branch, Ready",
            "bucketstatestores       | Name, Endpoint, Ready",
            "works                   | STATUS",
            "workplacements          | DESTINATION, STATUS"})
    void printerColumnsAreInUpstreamOrder(String plural, String columns) {
        JsonNode crd = Yaml.documents(KratixCrdFiles.CHECKED_IN.resolve(plural + ".platform.kratix.io.yaml")).get(0);
        List<String> names = new ArrayList<>();
        crd.path("spec").path("versions").get(0).path("additionalPrinterColumns")
                .forEach(column -> names.add(column.path("name").asText()));
        assertThat(names).containsExactly(columns.split(",\\s*"));
    }
}
