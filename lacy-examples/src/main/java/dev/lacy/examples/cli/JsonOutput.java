package dev.lacy.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code --json} option every command shares, and the command's own output and error streams. */
final class JsonOutput {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The result as one JSON object with {@code --json}, else {@code text}. */
    void print(ObjectNode result, String text) {
        Output.print(out(), json, result, text);
    }
}
