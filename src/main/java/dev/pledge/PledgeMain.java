package dev.pledge;

import dev.pledge.cli.Cli;
import dev.pledge.local.LocalCommand;
import java.util.Arrays;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The one binary. With no arguments, or {@code operator}, it runs the operator; any other first argument names an
 * offline sub-command that runs without booting Quarkus, so it needs no cluster; {@code local} starts a whole
 * platform on this machine and boots Quarkus against it.
 */
@QuarkusMain
public class PledgeMain {

    public static void main(String... args) {
        if (args.length == 0 || Cli.OPERATOR.equals(args[0])) {
            Quarkus.run(args);
            return;
        }
        if (LocalCommand.NAME.equals(args[0])) {
            System.exit(LocalCommand.run(Arrays.asList(args).subList(1, args.length), System.out, System.err));
        }
        System.exit(Cli.run(args, System.out, System.err));
    }
}
