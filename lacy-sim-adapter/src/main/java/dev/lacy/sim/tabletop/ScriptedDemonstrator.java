package dev.lacy.sim.tabletop;

import dev.lacy.core.data.ConsistencySample;
import dev.lacy.core.data.Demonstration;
import dev.lacy.core.data.Episode;
import dev.lacy.core.data.GroundingSample;
import dev.lacy.core.judge.ConsistencyPairs;
import dev.lacy.core.language.InstructionTemplates;
import dev.lacy.core.port.PickPlaceOutcome;
import dev.lacy.core.scene.Observation;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.Point;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;
import dev.lacy.core.spatial.Instruction;
import dev.lacy.core.spatial.Placement;
import dev.lacy.core.spatial.SpatialDescriber;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Produces training data like the paper's: it picks a target and a free place location, describes
 * the action with the core's spatial rule and templates, executes it on the embedded tabletop and
 * records (observation, instruction, action). Each demonstration first draws the kind of description
 * it aims for, absolute or relative with equal odds, and samples a place point that the rule
 * allows for that kind, so that the two kinds are balanced. Thread-safe when the random sources are
 * not shared.
 */
public final class ScriptedDemonstrator {

    private static final int ATTEMPTS = 100;

    private final SceneSampler sampler;
    private final TabletopRenderer renderer;
    private final SpatialDescriber describer;
    private final InstructionTemplates templates;
    private final ConsistencyPairs pairs;

    public ScriptedDemonstrator(SceneSampler sampler, TabletopRenderer renderer, SpatialDescriber describer,
                                InstructionTemplates templates, ConsistencyPairs pairs) {
        this.sampler = sampler;
        this.renderer = renderer;
        this.describer = describer;
        this.templates = templates;
        this.pairs = pairs;
    }

    /** An image of a fresh scene with its ground truth, for grounding pretraining. */
    public GroundingSample grounding(RandomGenerator random) {
        Scene scene = sampler.sample(random);
        return new GroundingSample(Observation.of(renderer.render(scene, random), scene));
    }

    /** One demonstration on a fresh scene. */
    public Demonstration demonstrate(RandomGenerator random) {
        while (true) {
            var table = new EmbeddedTabletop(renderer, sampler.sample(random), random.nextLong());
            Optional<Demonstration> step = step(table, random);
            if (step.isPresent()) {
                return step.get();
            }
        }
    }

    /** Several demonstrations in a row on one table, each starting where the last one left it. */
    public Episode episode(int steps, RandomGenerator random) {
        while (true) {
            var table = new EmbeddedTabletop(renderer, sampler.sample(random), random.nextLong());
            var demonstrations = new ArrayList<Demonstration>(steps);
            for (int i = 0; i < steps; i++) {
                Optional<Demonstration> step = step(table, random);
                if (step.isEmpty()) {
                    break;
                }
                demonstrations.add(step.get());
            }
            if (demonstrations.size() == steps) {
                return new Episode(demonstrations);
            }
        }
    }

    /**
     * Two L2C samples for a demonstration: its instruction against a consistent rephrasing and
     * against an inconsistent instruction, labelled by the judge; the instruction first in both, as L2C is asked
     * (Algorithm 1 and the evaluation: the instruction given, then the description to check against it).
     */
    public List<ConsistencySample> consistencyPair(Demonstration demonstration, RandomGenerator random) {
        Scene scene = demonstration.observation().requireGroundTruth("an L2C pair");
        String consistent = pairs.consistentWith(scene, demonstration.action(), demonstration.instruction(), random);
        String inconsistent = pairs.inconsistentWith(scene, demonstration.action(), random);
        var sameMeaning = new ConsistencySample(demonstration.observation(), demonstration.instruction(), consistent, true);
        var otherMeaning = new ConsistencySample(demonstration.observation(), demonstration.instruction(), inconsistent, false);
        return List.of(sameMeaning, otherMeaning);
    }

    private Optional<Demonstration> step(EmbeddedTabletop table, RandomGenerator random) {
        Observation observation = table.capture();
        Scene scene = table.scene();
        List<SceneObject> objects = scene.objects();
        SceneObject target = objects.get(random.nextInt(objects.size()));
        boolean wantRelative = objects.size() > 1 && random.nextBoolean();
        List<SceneObject> others = objects.stream().filter(o -> !o.name().equals(target.name())).toList();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Point> place = wantRelative ? nearSomething(target, others, random)
                    : sampler.freeSpot(target.radius(), others, random);
            if (place.isEmpty() || !sampler.isFree(place.get(), target.radius(), others)) {
                continue;
            }
            var action = new PickPlaceAction(target.center(), place.get());
            Optional<Placement> placement = describer.allowedPlacements(scene, action).stream()
                    .filter(p -> (p instanceof Placement.Relative) == wantRelative)
                    .findFirst();
            if (placement.isEmpty()) {
                continue;
            }
            String text = templates.render(new Instruction(target.name(), placement.get()), random);
            if (!(table.pickAndPlace(action) instanceof PickPlaceOutcome.Placed)) {
                continue;
            }
            return Optional.of(new Demonstration(observation, text, action));
        }
        return Optional.empty();
    }

    private Optional<Point> nearSomething(SceneObject target, List<SceneObject> others, RandomGenerator random) {
        SceneObject reference = others.get(random.nextInt(others.size()));
        double angle = random.nextDouble() * 2 * Math.PI;
        double contour = target.radius() + random.nextDouble() * describer.thresholds().relative();
        double x = reference.center().x() + (reference.radius() + contour) * Math.cos(angle);
        double y = reference.center().y() + (reference.radius() + contour) * Math.sin(angle);
        return Point.inUnitSquare(x, y) ? Optional.of(new Point(x, y)) : Optional.empty();
    }
}
