package dev.pledge.local.node;

import io.fabric8.kubernetes.api.model.Container;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One container of a Pod as this node prepared it: its spec, its plain environment, and where each of its volume
 * mounts lives on this machine. {@code rootfs} is a directory in which every mount path is a link to its volume,
 * so code running in-process can open {@code rootfs + "/kratix/output"} as the container would open
 * {@code /kratix/output}.
 */
public record ContainerView(Container spec, Map<String, String> env, List<Mount> mounts, Path rootfs) {

    /** A volume mount: the directory on this machine and the path the container sees it at. */
    public record Mount(Path source, String path, boolean readOnly) {
    }

    public String image() {
        return spec.getImage();
    }

    /** The directory on this machine mounted exactly at {@code path}, or null when nothing is mounted there. */
    public Path mounted(String path) {
        return mounts.stream().anyMatch(m -> m.path().equals(path)) ? inRootfs(path) : null;
    }

    /** Where {@code absolute}, a path inside the container, is reached through {@link #rootfs}. */
    public Path inRootfs(String absolute) {
        return rootfs.resolve(absolute.replaceFirst("^/+", ""));
    }

    /** Whether a path is one the container reaches through its mounts (a mount, below one, or above one). */
    public boolean reachesMount(String path) {
        if (!path.startsWith("/")) {
            return false;
        }
        return mounts.stream().map(Mount::path)
                .anyMatch(m -> m.equals(path) || m.startsWith(path + "/") || path.startsWith(m + "/"));
    }
}
