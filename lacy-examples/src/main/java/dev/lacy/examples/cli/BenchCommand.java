package dev.lacy.examples.cli;

import picocli.CommandLine.Command;

/** {@code lacy bench}: benchmarks, each printing its figures and ratios measured side by side in one run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks with JSON output (--json); ratios are measured side by side in one run.",
        subcommands = {BenchGenerateCommand.class, BenchDecodeCommand.class, BenchTrainCommand.class, BenchAugmentCommand.class, BenchServeCommand.class})
final class BenchCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
