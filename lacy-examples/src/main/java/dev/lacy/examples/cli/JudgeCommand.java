package dev.lacy.examples.cli;

import com.google.inject.Guice;
import dev.lacy.core.judge.ActionJudge;
import dev.lacy.core.judge.Verdict;
import dev.lacy.examples.wiring.DomainModule;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lacy judge}: does an action satisfy an instruction in a scene. A rejected action is a
 * result (exit 0); an instruction that cannot apply to the scene at all (unparseable, or naming an
 * object the scene lacks) is bad input (exit 2).
 */
@Command(name = "judge", mixinStandardHelpOptions = true,
        description = "Judge whether a pick-and-place action satisfies an instruction in a scene.")
final class JudgeCommand implements Callable<Integer> {


    @Mixin
    SceneActionOptions input;

    @Option(names = "--instruction", required = true, paramLabel = "TEXT", description = "the instruction")
    String instruction;

    @Mixin
    JsonOutput output;

    @Override
    public Integer call() {
        var judge = Guice.createInjector(new DomainModule(input.thresholds())).getInstance(ActionJudge.class);
        Verdict verdict = judge.judge(input.readScene(), instruction, input.action());
        if (verdict.failure().aboutInstruction()) {
            throw new IllegalArgumentException("--instruction: " + verdict.reason());
        }
        var result = Output.object().put("success", verdict.success());
        if (verdict.picked().isPresent()) {
            result.put("picked", verdict.picked().get());
        } else {
            result.putNull("picked");
        }
        result.put("reason", verdict.reason());
        output.print(result,
                (verdict.success() ? "success: " : "failure: ") + verdict.reason());
        return 0;
    }
}
