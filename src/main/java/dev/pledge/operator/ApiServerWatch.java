package dev.pledge.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Probes the operator's API server with a TCP connection every few seconds (no API request, so an idle operator
 * stays quiet on the server) and reports an outage through {@link Outage}: the operator keeps running and its
 * informers reconnect by themselves when the server is back.
 */
@ApplicationScoped
public class ApiServerWatch {
    static final Duration PROBE_EVERY = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(ApiServerWatch.class);

    private final URI server;
    private final Outage outage;
    private ScheduledExecutorService probe;

    public ApiServerWatch(KubernetesClient client) {
        this.server = URI.create(client.getConfiguration().getMasterUrl().replaceAll("/+$", ""));
        this.outage = new Outage(server.toString());
    }

    void start(@Observes StartupEvent started) {
        probe = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "api-server-watch");
            thread.setDaemon(true);
            return thread;
        });
        probe.scheduleWithFixedDelay(this::probeOnce, PROBE_EVERY.toSeconds(), PROBE_EVERY.toSeconds(), TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (probe != null) {
            probe.shutdownNow();
        }
    }

    /** True while the API server does not answer. */
    public boolean outage() {
        return outage.ongoing();
    }

    private void probeOnce() {
        boolean wasDown = outage.ongoing();
        outage.observe(Instant.now(), ClusterAccess.unreachable(server)).ifPresent(line -> {
            if (wasDown && !outage.ongoing()) {
                LOG.info(line);
            } else {
                LOG.warn(line);
            }
        });
    }
}
