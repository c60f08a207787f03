package dev.lacy.examples.cli;

import com.google.inject.ProvisionException;
import dev.lacy.core.scene.Point;
import dev.lacy.dataset.DirectoryInUseException;
import dev.lacy.dataset.MalformedFileException;
import dev.lacy.onnx.model.ModelPackageException;
import dev.lacy.franka.rosbridge.RosbridgeException;
import dev.lacy.sim.coppeliasim.RemoteApiException;
import java.io.UncheckedIOException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lacy} command: the entry point of the launcher at the repository root. */
@Command(name = "lacy", mixinStandardHelpOptions = true, version = "lacy 0.1.0-SNAPSHOT",
        description = "LACY: the language-action cycle for self-improving tabletop pick-and-place.",
        subcommands = {GenerateCommand.class, PretrainCommand.class, TrainCommand.class, EvalCommand.class, AugmentCommand.class, ImproveCommand.class, DemoCommand.class, ReproduceCommand.class, ModelCommands.Act.class, ModelCommands.Explain.class, ModelCommands.Verify.class, ServeCommand.class, ExportCommand.class, WorkcellCommands.Observe.class,
            WorkcellCommands.Execute.class, RunCommand.class, CalibrateCommand.class, DescribeCommand.class, JudgeCommand.class, BenchCommand.class,
            CommandLine.HelpCommand.class})
public final class LacyCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // nothing is downloaded at run time: DJL's tokenizer uses the native library in its jar
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        // the command runs on a thread with a large stack: native code (ONNX Runtime, the tokenizer) recurses deeper
        // on long inputs than the main thread's 1 MiB allows, and a native stack overflow kills the JVM without a
        // word (exit 139 on a 4,000-character instruction); the stack is reserved address space, used only as needed
        int[] code = {CommandLine.ExitCode.SOFTWARE};
        Thread command = new Thread(null, () -> code[0] = commandLine(new PrintWriter(System.out, true),
                new PrintWriter(System.err, true)).execute(args), "lacy", COMMAND_STACK_BYTES);
        // Ctrl-C or SIGTERM: the command is interrupted and given a few seconds to stop between two steps of its work
        // (a training run checks between steps); an exit while PyTorch's native code runs a step crashed the JVM
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (command.isAlive()) {
                command.interrupt();
                try {
                    command.join(SHUTDOWN_GRACE_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "lacy-shutdown"));
        command.start();
        try {
            command.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.exit(code[0]);
    }

    /**
     * How long an interrupted command may take to stop before the JVM exits anyway. A training step is well under a second
     * on an idle machine, but a step of a low-priority run beside busy ones took longer than the 10 s allowed before, and
     * the JVM exited inside it (a native crash report; the checkpoint, written atomically, was intact). Two minutes; a
     * {@code kill -9} still stops at once.
     */
    static final long SHUTDOWN_GRACE_MILLIS = 120_000;

    /** The command thread's stack: 512 MiB of address space. */
    static final long COMMAND_STACK_BYTES = 512L << 20;

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
            Throwable cause = unwrap(ex);
            commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + message(cause));
            return isBadInput(cause) ? CommandLine.ExitCode.USAGE : CommandLine.ExitCode.SOFTWARE;
        });
        return cli;
    }

    /** Guice wraps what a provider threw; the user needs the cause. */
    private static Throwable unwrap(Throwable ex) {
        Throwable cause = ex;
        while (cause instanceof ProvisionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static boolean isBadInput(Throwable cause) {
        return cause instanceof IllegalArgumentException || cause instanceof MalformedFileException
                || cause instanceof ModelPackageException || cause instanceof DirectoryInUseException;
    }

    private static String message(Throwable cause) {
        boolean explained = isBadInput(cause) || cause instanceof IllegalStateException
                || cause instanceof RemoteApiException || cause instanceof RosbridgeException
                || cause instanceof UncheckedIOException;
        String message = cause.getMessage();
        if (cause instanceof java.io.IOException io && message != null) {
            // a file-system refusal (no such file, access denied, not a directory): its kind and its path
            return dev.lacy.dataset.IoErrors.describe(io);
        }
        return explained && message != null ? message.replace('\n', ' ') : cause.toString();
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
