package dev.pledge.cli;

import io.quarkus.runtime.annotations.RegisterForReflection;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code pledge}: the top of the command line, for {@code --help} and {@code --version}. The operator, {@code local}
 * and the pipeline-adapter steps are dispatched before picocli sees their arguments (they parse their own, and
 * {@code local} and {@code operator} boot Quarkus); they are listed here so that the help names every sub-command.
 * Plain picocli rather than quarkus-picocli, because these commands run without booting Quarkus; picocli reads the
 * command classes reflectively, hence their registration for the native image.
 */
@RegisterForReflection(targets = {PledgeCommand.class, ValidateCommand.class, PlanCommand.class, BuildInfo.class,
        CommandLine.HelpCommand.class})
@Command(name = "pledge", mixinStandardHelpOptions = true, versionProvider = BuildInfo.class,
        subcommands = {ValidateCommand.class, PlanCommand.class, CommandLine.HelpCommand.class},
        synopsisHeading = "",
        customSynopsis = {
            "usage: pledge [operator]            run the operator (uses your kubeconfig)",
            "       pledge local [--dir DIR] [--reset]  run a whole platform on this machine until Ctrl-C",
            "       pledge validate FILE...      check Promise files (or directories of them) offline",
            "       pledge plan [FILE|DIR ...] [--promise-workflow-output DIR] [--resource-workflow-output DIR]"
                    + " [--output json|table]",
            "                                    preview where work would be scheduled, offline",
            "       pledge reader | work-creator --input-directory DIR ... | update-status",
            "                                    the pipeline adapter, run inside workflow Jobs",
            ""},
        footer = {"", "Every sub-command answers --help."})
final class PledgeCommand {
}
