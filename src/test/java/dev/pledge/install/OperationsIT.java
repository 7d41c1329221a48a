package dev.pledge.install;

import static dev.pledge.install.Platform.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pledge.testing.InstalledPledge;
import dev.pledge.testing.KubeletStandIn;
import dev.pledge.testing.OperatorProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What an operator of Pledge sees of it in production: the packaged operator, installed from {@code kubernetes/} and
 * run as its ServiceAccount, starts without a warning.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperationsIT {
    static final Path WORK = Path.of("target", "operations-it");
    static OperatorProcess operator;

    @BeforeAll
    static void install() {
        KubeletStandIn.start(KubeletStandIn.DEFAULT_ADAPTER_IMAGE);
        InstalledPledge.apply();
        Map<String, String> env = new LinkedHashMap<>(InstalledPledge.deploymentEnv(InstalledPledge.SERVICE_ACCOUNT));
        env.put("PLEDGE_PIPELINE_ADAPTER_IMAGE", KubeletStandIn.DEFAULT_ADAPTER_IMAGE);
        operator = OperatorProcess.start("operations", InstalledPledge.kubeconfigFor(InstalledPledge.SERVICE_ACCOUNT,
                WORK), env, WORK);
        await().atMost(TIMEOUT).until(() -> operator.started() || !operator.alive());
        assertThat(operator.alive()).as("the operator started; its log: " + operator.log()).isTrue();
    }

    @AfterAll
    static void stop() {
        if (operator != null) {
            operator.close();
        }
    }

    @Test
    @Order(1)
    void aNormalStartLogsNoWarningAndNoError() throws Exception {
        // leadership taken and the controllers started: the whole of a normal start
        await().atMost(TIMEOUT).until(() -> Files.readString(operator.log()).contains("leads: controllers start"));
        List<String> lines = Files.readAllLines(operator.log());
        assertThat(lines).as("the log of a normal start (" + operator.log() + ")")
                .noneMatch(line -> line.matches(".*\\b(WARN|WARNING|ERROR|SEVERE)\\b.*"));
    }
}
