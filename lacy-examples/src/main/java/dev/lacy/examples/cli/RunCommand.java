package dev.lacy.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.lacy.core.format.ClearPlace;
import dev.lacy.core.cycle.Lacy;
import dev.lacy.core.cycle.TaskAnswer;
import dev.lacy.core.format.GroundedObject;
import dev.lacy.core.port.Camera;
import dev.lacy.core.port.ModelLoader;
import dev.lacy.core.port.ModelRef;
import dev.lacy.core.port.PickPlaceOutcome;
import dev.lacy.core.port.RobotArm;
import dev.lacy.core.port.VisionLanguageModel;
import dev.lacy.core.scene.Observation;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;
import dev.lacy.core.spatial.SpatialThresholds;
import dev.lacy.examples.wiring.DomainModule;
import dev.lacy.examples.wiring.OnnxModelModule;
import dev.lacy.franka.arm.FrankaArm;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import dev.lacy.core.cycle.GroundingCheck;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lacy run}: one instruction, end to end on the chosen backend: observe, L2A with the model
 * (its grounding tells a real arm what is on the table), show the action, execute it (the Franka
 * asks the operator before its first motion), report.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Observe, ask the model for the action of an instruction (L2A), execute it and report.")
final class RunCommand implements Callable<Integer> {

    /** The radius given to objects the model grounded: the grounding sentence carries no size. */
    private static final double GROUNDED_RADIUS = 0.04;


    @Mixin
    BackendOptions backend;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "a model package (see docs/model-package.md)")
    Path model;

    @Mixin
    DeviceOption device;

    @Option(names = "--instruction", required = true, paramLabel = "TEXT", description = "what to do")
    String instruction;

    @Mixin
    SceneStaging staging;

    @Option(names = "--max-tokens", defaultValue = "256", description = "token budget of the answer (default ${DEFAULT-VALUE})")
    int maxTokens;

    @Option(names = "--allow-ungrounded", description = "act even when the pick point does not fall on the object "
            + "the instruction names as the model grounded it (by default such an answer is refused: the arm would "
            + "move an object nobody asked for)")
    boolean allowUngrounded;

    @Mixin
    ClearPlacesOption places;

    @Mixin
    JsonOutput output;

    @Override
    public Integer call() {
        // the manifest is read (and a bad package refused) before the robot is touched
        var format = device.models().promptFormat(new ModelRef(model));
        Injector injector = Guice.createInjector(new DomainModule(SpatialThresholds.PAPER),
                backend.module(output.err()), new OnnxModelModule(device.device()));
        staging.stage(injector, backend);
        ObjectNode result = Output.object().put("instruction", instruction);
        try (Camera camera = injector.getInstance(Camera.class);
             VisionLanguageModel vlm = injector.getInstance(ModelLoader.class).load(new ModelRef(model))) {
            Observation observation = camera.capture();
            var lacy = new Lacy(vlm, format, maxTokens);
            Optional<ClearPlace> clearPlace = places.clearPlace();
            if (clearPlace.isPresent()) {
                lacy = lacy.withClearPlaces(clearPlace.get());
            }
            TaskAnswer<PickPlaceAction> answer = lacy.l2a(observation.image(), instruction);
            result.put("completion", answer.raw());
            if (answer instanceof TaskAnswer.Malformed<PickPlaceAction> malformed) {
                result.put("outcome", "malformed-answer").put("reason", malformed.reason());
                output.print(result,
                        "the model's answer cannot be used: " + malformed.reason() + "\n" + answer.raw());
                return 1;
            }
            var answered = (TaskAnswer.Answered<PickPlaceAction>) answer;
            PickPlaceAction action = answered.value();
            result.putArray("pick").add(action.pick().x()).add(action.pick().y());
            result.putArray("place").add(action.place().x()).add(action.place().y());
            output.err().println("action: pick at " + action.pick().format() + ", place at " + action.place().format());
            Optional<String> refusal = allowUngrounded ? Optional.empty() : refusal(answered, instruction);
            if (refusal.isPresent()) {
                result.put("outcome", "refused").put("reason", refusal.get());
                output.print(result, "refused to act: " + refusal.get());
                return 1;
            }
            try (RobotArm arm = injector.getInstance(RobotArm.class)) {
                if (arm instanceof FrankaArm franka) {
                    grounded(answered.grounding()).ifPresent(franka::perceive);
                }
                PickPlaceOutcome outcome = arm.pickAndPlace(action);
                result.put("outcome", outcome.getClass().getSimpleName());
                output.print(result, "outcome: " + outcome);
                return outcome.placed() ? 0 : 1;
            }
        }
    }

    /** Why the arm must not act on an answer ({@link GroundingCheck#refusal}), with the way to override it. */
    static Optional<String> refusal(TaskAnswer.Answered<PickPlaceAction> answer, String instruction) {
        return new GroundingCheck().refusal(answer, instruction).map(reason -> reason + "; --allow-ungrounded acts anyway");
    }

    private static Optional<Scene> grounded(Optional<List<GroundedObject>> grounding) {
        return grounding.map(objects -> new Scene(objects.stream()
                .map(o -> new SceneObject(o.name(), o.center(), GROUNDED_RADIUS))
                .collect(java.util.stream.Collectors.toMap(SceneObject::name, o -> o, (a, b) -> a, java.util.LinkedHashMap::new))
                .values().stream().toList()));
    }
}
