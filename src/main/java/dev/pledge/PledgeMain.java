package dev.pledge;

import dev.pledge.cli.Cli;
import dev.pledge.launch.MemoryDefaults;
import dev.pledge.local.LocalCommand;
import dev.pledge.operator.ClusterAccess;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;
import java.util.Optional;

/**
 * The one binary. With no arguments, or {@code operator}, it runs the operator; {@code local} starts a whole
 * platform on this machine and boots Quarkus against it; any other first argument names an offline sub-command
 * that runs without booting Quarkus, so it needs no cluster. The operator first checks that its API server
 * answers: without one it says so in one line and exits 1, before any informer starts. The operator and
 * {@code local}, started with {@code java -jar} and no heap size, first start again with Pledge's memory flags
 * ({@link MemoryDefaults}).
 */
@QuarkusMain
public class PledgeMain {

    /** The log manager Quarkus runs with; set before any library asks for a logger, as Quarkus's own launcher does. */
    private static final String LOG_MANAGER = "org.jboss.logmanager.LogManager";

    public static void main(String... args) {
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", LOG_MANAGER);
        }
        boolean operator = args.length == 0 || Cli.OPERATOR.equals(args[0]);
        if (operator || LocalCommand.NAME.equals(args[0])) {
            MemoryDefaults.relaunchIfUnsized(args);
        }
        if (operator) {
            Optional<String> noCluster = ClusterAccess.problem(System.getenv());
            if (noCluster.isPresent()) {
                System.err.println(noCluster.get());
                System.exit(1);
            }
            Quarkus.run(args);
            return;
        }
        int status;
        try {
            status = LocalCommand.NAME.equals(args[0])
                    ? LocalCommand.run(Arrays.asList(args).subList(1, args.length), System.out, System.err)
                    : Cli.run(args, System.out, System.err);
        } catch (Throwable e) {
            // Cli reports its own errors; this is the last word on anything else (e.g. an Error), so that no
            // background thread can keep a failed sub-command's JVM alive.
            System.err.println(args[0] + ": " + e);
            status = 1;
        }
        System.exit(status);
    }
}
