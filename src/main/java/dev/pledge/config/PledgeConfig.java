package dev.pledge.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Operator settings, under the {@code pledge.} prefix. */
@ConfigMapping(prefix = "pledge")
public interface PledgeConfig {

    /** Namespace of Pledge's own objects: static-dependency Works, promise workflow Jobs, their placements. */
    @WithDefault("kratix-platform-system")
    String systemNamespace();

    PipelineAdapter pipelineAdapter();

    Workflows workflows();

    /** The image pipeline Jobs run Pledge's own steps (reader, work-creator, update-status) from. */
    interface PipelineAdapter {
        @WithDefault("ghcr.io/pledge-dev/pledge:latest")
        String image();

        /**
         * The command that starts this binary inside that image; the sub-command follows as arguments. Both of
         * Pledge's images (src/main/docker) have it at /usr/local/bin/pledge: the native executable itself, or in the
         * JVM image a static launcher that execs java -jar, so no shell is needed and one value fits both.
         */
        @WithDefault("/usr/local/bin/pledge")
        List<String> command();

        /** An image pull secret for the adapter image, listed first in every pipeline Job. */
        Optional<String> pullSecret();
    }

    interface Workflows {
        /** Jobs kept per pipeline; older ones are deleted. */
        @WithDefault("5")
        int jobsToKeep();

        /** Default backoffLimit of pipeline Jobs whose pipeline sets none. */
        Optional<Integer> defaultBackoffLimit();

        /**
         * How many resource requests of one Promise may run their configure workflow at once; a Promise change that
         * fans out to many requests rolls through them this many at a time. The annotation
         * {@code pledge.dev/max-concurrent-workflows} on a Promise overrides it.
         */
        @WithDefault("5")
        int maxConcurrentResourceWorkflows();

        /** Configure workflows re-run after this long even when nothing changed (Kratix's default: 10h). */
        @WithDefault("10h")
        Duration reconciliationInterval();
    }
}
