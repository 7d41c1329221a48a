package dev.pledge.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Operator settings, under the {@code pledge.} prefix. */
@ConfigMapping(prefix = "pledge")
public interface PledgeConfig {

    /** Namespace of Pledge's own objects: static-dependency Works, their placements. */
    @WithDefault("kratix-platform-system")
    String systemNamespace();
}
