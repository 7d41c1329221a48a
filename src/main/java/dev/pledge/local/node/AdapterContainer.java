package dev.pledge.local.node;

import dev.pledge.cli.Cli;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a container of Pledge's own adapter image (reader, work-creator, update-status) in this process: the same
 * code the image would run, with the container's paths mapped to the directories this node prepared.
 */
final class AdapterContainer {
    private AdapterContainer() {
    }

    static int run(ContainerView container, Path kubeconfig, PrintStream out) {
        Map<String, String> env = new LinkedHashMap<>(container.env());
        // in a cluster the adapter finds the API server through its service account; here, through the kubeconfig
        env.put("KUBECONFIG", kubeconfig.toString());
        putIfMounted(env, "INPUT_DIR", container.mounted("/kratix/input"));
        putIfMounted(env, "OUTPUT_DIR", container.mounted("/kratix/output"));
        Path metadata = container.mounted("/work-creator-files/metadata");
        putIfMounted(env, "METADATA_DIR", metadata != null ? metadata : container.mounted("/kratix/metadata"));
        List<String> args = new ArrayList<>();
        for (String arg : container.spec().getArgs()) {
            args.add(container.reachesMount(arg) ? container.inRootfs(arg).toString() : arg);
        }
        if (args.isEmpty()) {
            out.println("adapter container " + container.spec().getName() + " has no arguments naming a sub-command");
            return 2;
        }
        return Cli.run(args.toArray(String[]::new), env, out, out);
    }

    private static void putIfMounted(Map<String, String> env, String name, Path path) {
        if (path != null) {
            env.put(name, path.toString());
        }
    }
}
