package dev.lacy.examples.cli;

import dev.lacy.core.scene.Point;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lacy} command: the entry point of the launcher at the repository root. */
@Command(name = "lacy", mixinStandardHelpOptions = true, version = "lacy 0.1.0-SNAPSHOT",
        description = "LACY: the language-action cycle for self-improving tabletop pick-and-place.",
        subcommands = {GenerateCommand.class, ExportCommand.class, DescribeCommand.class, JudgeCommand.class, BenchCommand.class,
            CommandLine.HelpCommand.class})
public final class LacyCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args));
    }

    /** The configured command line, writing to the given streams (tests capture them). */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        var cli = new CommandLine(new LacyCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.registerConverter(Point.class, PointConverter::parse);
        cli.setParameterExceptionHandler((ex, args) -> {
            String command = ex.getCommandLine().getCommandSpec().qualifiedName();
            ex.getCommandLine().getErr().println(command + ": " + ex.getMessage()
                    + " (see '" + command + " --help')");
            return CommandLine.ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            String message = ex instanceof IllegalArgumentException || ex instanceof IllegalStateException
                    || ex.getClass().getSimpleName().equals("MalformedFileException")
                    ? ex.getMessage() : ex.toString();
            commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + message);
            return ex instanceof IllegalArgumentException || ex.getClass().getSimpleName().equals("MalformedFileException")
                    ? CommandLine.ExitCode.USAGE : CommandLine.ExitCode.SOFTWARE;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
