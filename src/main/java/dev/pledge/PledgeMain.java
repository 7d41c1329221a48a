package dev.pledge;

import dev.pledge.cli.Cli;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The one binary. With no arguments, or {@code operator}, it runs the operator; any other first argument names an
 * offline sub-command that runs without booting Quarkus, so it needs no cluster.
 */
@QuarkusMain
public class PledgeMain {

    public static void main(String... args) {
        if (args.length == 0 || Cli.OPERATOR.equals(args[0])) {
            Quarkus.run(args);
            return;
        }
        System.exit(Cli.run(args, System.out, System.err));
    }
}
