package dev.lacy.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Guice;
import dev.lacy.core.language.InstructionTemplates;
import dev.lacy.core.spatial.Instruction;
import dev.lacy.core.spatial.Placement;
import dev.lacy.core.spatial.SpatialDescriber;
import dev.lacy.examples.wiring.DomainModule;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lacy describe}: the instruction that describes a pick-and-place in a scene (A2L's ground truth). */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Describe a pick-and-place action in a scene as a templated instruction.")
final class DescribeCommand implements Callable<Integer> {


    @Mixin
    SceneActionOptions input;

    @Option(names = "--seed", defaultValue = "0", description = "chooses absolute or relative where both apply (default ${DEFAULT-VALUE})")
    long seed;

    @Mixin
    JsonOutput output;

    @Override
    public Integer call() {
        var injector = Guice.createInjector(new DomainModule(input.thresholds()));
        Instruction instruction = injector.getInstance(SpatialDescriber.class)
                .describe(input.readScene(), input.action(), new SplittableRandom(seed));
        String text = injector.getInstance(InstructionTemplates.class).canonical(instruction);

        ObjectNode result = Output.object().put("instruction", text).put("target", instruction.target());
        ObjectNode placement = result.putObject("placement");
        String kind;
        if (instruction.placement() instanceof Placement.Absolute absolute) {
            placement.put("type", "absolute").put("cell", absolute.cell().phrase());
            kind = "absolute, cell " + absolute.cell().phrase();
        } else {
            var relative = (Placement.Relative) instruction.placement();
            placement.put("type", "relative").put("direction", relative.direction().phrase())
                    .put("reference", relative.reference());
            kind = "relative, " + relative.direction().phrase() + " of the " + relative.reference();
        }
        output.print(result, text + "\n  (" + kind + ")");
        return 0;
    }
}
